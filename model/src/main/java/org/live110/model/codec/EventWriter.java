package org.live110.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveEnded;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.LiveStats;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.ProductListed;
import org.live110.model.event.ShopOpened;
import org.live110.model.event.TrainingAttended;
import org.live110.model.plan.CampaignCalendar;

/**
 * Writes events in the contract's wire format: one JSON object, UTF-8, fields in a fixed order,
 * event times in the campaign's zone (+08:00). The inverse of {@link EventParser}; the same event
 * always gives the same bytes.
 */
public final class EventWriter {
  private static final JsonFactory JSON = new JsonFactory();

  private EventWriter() {}

  public static byte[] toJson(CampaignEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("eventId", event.eventId());
      g.writeStringField("type", event.type().wireName());
      g.writeStringField("eventTime", formatTime(event.eventTime()));
      g.writeStringField("countyCode", event.countyCode());
      writeBody(g, event);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** RFC 3339 in the campaign zone, e.g. {@code 2019-06-01T20:15:03.120+08:00}. */
  public static String formatTime(Instant t) {
    return OffsetDateTime.ofInstant(t, CampaignCalendar.ZONE)
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
  }

  private static void writeBody(JsonGenerator g, CampaignEvent event) throws IOException {
    if (event instanceof ContentPublished e) {
      g.writeStringField("contentId", e.contentId());
      g.writeStringField("authorKind", e.authorKind().wireName());
      g.writeStringField("platform", e.platform());
      optional(g, "traineeId", e.traineeId());
    } else if (event instanceof ContentExposure e) {
      g.writeStringField("contentId", e.contentId());
      g.writeStringField("authorKind", e.authorKind().wireName());
      g.writeStringField("platform", e.platform());
      g.writeNumberField("impressions", e.impressions());
      g.writeNumberField("reads", e.reads());
    } else if (event instanceof LiveStarted e) {
      g.writeStringField("sessionId", e.sessionId());
      g.writeStringField("hostId", e.hostId());
      g.writeStringField("platform", e.platform());
      optional(g, "title", e.title());
    } else if (event instanceof LiveStats e) {
      g.writeStringField("sessionId", e.sessionId());
      g.writeNumberField("viewersOnline", e.viewersOnline());
      g.writeNumberField("newViewers", e.newViewers());
      g.writeNumberField("likes", e.likes());
    } else if (event instanceof LiveEnded e) {
      g.writeStringField("sessionId", e.sessionId());
    } else if (event instanceof ShopOpened e) {
      g.writeStringField("shopId", e.shopId());
      g.writeStringField("enterpriseName", e.enterpriseName());
      g.writeStringField("platform", e.platform());
    } else if (event instanceof ProductListed e) {
      g.writeStringField("productId", e.productId());
      g.writeStringField("shopId", e.shopId());
      g.writeStringField("productName", e.productName());
      g.writeNumberField("priceFen", e.priceFen());
    } else if (event instanceof OrderPaid e) {
      g.writeStringField("orderId", e.orderId());
      g.writeStringField("shopId", e.shopId());
      g.writeStringField("productId", e.productId());
      g.writeNumberField("quantity", e.quantity());
      g.writeNumberField("amountFen", e.amountFen());
      g.writeStringField("channel", e.channel().wireName());
      optional(g, "sessionId", e.sessionId());
    } else if (event instanceof OrderRefunded e) {
      g.writeStringField("orderId", e.orderId());
      g.writeNumberField("amountFen", e.amountFen());
    } else if (event instanceof TrainingAttended e) {
      g.writeStringField("traineeId", e.traineeId());
      g.writeStringField("courseId", e.courseId());
      g.writeStringField("mode", e.mode().wireName());
    } else if (event instanceof HouseholdBenefited e) {
      g.writeStringField("householdId", e.householdId());
    }
  }

  private static void optional(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
