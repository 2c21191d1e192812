package org.live110.jobs.records;

import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.EventType;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveEnded;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.LiveStats;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.ProductListed;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.ShopOpened;
import org.live110.model.event.TrainingAttended;
import org.live110.model.event.TrainingMode;

/**
 * One input record after the edge parser: either a valid event, flattened into a Flink POJO (the
 * model's sealed interface of records would fall back to Kryo), or a rejection ({@link #rejection}
 * not null) that must go to the dead-letter topic.
 *
 * <p>Fields that a given event type does not have stay null or 0. Nothing changes a record after
 * parsing. On the wire between tasks it is written by {@link ParsedRecordSerializer} (a new field
 * must be added there too; a test fails until it is).
 */
@TypeInfo(ParsedRecordSerializer.Factory.class)
public class ParsedRecord {
  /** Null for a valid event; the dead letter otherwise. */
  public DeadLetter rejection;

  public String eventId;
  public EventType type;
  public long eventTime;
  public String countyCode;

  public String contentId;
  public AuthorKind authorKind;
  public String platform;
  public String traineeId;
  public long impressions;
  public long reads;

  public String sessionId;
  public String hostId;
  public String title;
  public long viewersOnline;
  public long newViewers;
  public long likes;

  public String shopId;
  public String enterpriseName;
  public String productId;
  public String productName;
  public long priceFen;

  public String orderId;
  public long quantity;
  public long amountFen;
  public SalesChannel channel;

  public String courseId;
  public TrainingMode mode;
  public String householdId;

  public ParsedRecord() {}

  public boolean valid() {
    return rejection == null;
  }

  public static ParsedRecord rejected(DeadLetter deadLetter) {
    ParsedRecord r = new ParsedRecord();
    r.rejection = Objects.requireNonNull(deadLetter);
    return r;
  }

  /** Flattens a valid event of the model. */
  public static ParsedRecord of(CampaignEvent e) {
    ParsedRecord r = new ParsedRecord();
    r.eventId = e.eventId();
    r.type = e.type();
    r.eventTime = e.eventTime().toEpochMilli();
    r.countyCode = e.countyCode();
    if (e instanceof ContentPublished c) {
      r.contentId = c.contentId();
      r.authorKind = c.authorKind();
      r.platform = c.platform();
      r.traineeId = c.traineeId();
    } else if (e instanceof ContentExposure c) {
      r.contentId = c.contentId();
      r.authorKind = c.authorKind();
      r.platform = c.platform();
      r.impressions = c.impressions();
      r.reads = c.reads();
    } else if (e instanceof LiveStarted l) {
      r.sessionId = l.sessionId();
      r.hostId = l.hostId();
      r.platform = l.platform();
      r.title = l.title();
    } else if (e instanceof LiveStats l) {
      r.sessionId = l.sessionId();
      r.viewersOnline = l.viewersOnline();
      r.newViewers = l.newViewers();
      r.likes = l.likes();
    } else if (e instanceof LiveEnded l) {
      r.sessionId = l.sessionId();
    } else if (e instanceof ShopOpened s) {
      r.shopId = s.shopId();
      r.enterpriseName = s.enterpriseName();
      r.platform = s.platform();
    } else if (e instanceof ProductListed p) {
      r.productId = p.productId();
      r.shopId = p.shopId();
      r.productName = p.productName();
      r.priceFen = p.priceFen();
    } else if (e instanceof OrderPaid o) {
      r.orderId = o.orderId();
      r.shopId = o.shopId();
      r.productId = o.productId();
      r.quantity = o.quantity();
      r.amountFen = o.amountFen();
      r.channel = o.channel();
      r.sessionId = o.sessionId();
    } else if (e instanceof OrderRefunded o) {
      r.orderId = o.orderId();
      r.amountFen = o.amountFen();
    } else if (e instanceof TrainingAttended t) {
      r.traineeId = t.traineeId();
      r.courseId = t.courseId();
      r.mode = t.mode();
    } else if (e instanceof HouseholdBenefited h) {
      r.householdId = h.householdId();
    }
    return r;
  }

  /** The model event this record was flattened from (valid records only). */
  public CampaignEvent toEvent() {
    if (!valid()) {
      throw new IllegalStateException("a rejected record has no event");
    }
    Instant t = Instant.ofEpochMilli(eventTime);
    return switch (type) {
      case CONTENT_PUBLISHED ->
          new ContentPublished(eventId, t, countyCode, contentId, authorKind, platform, traineeId);
      case CONTENT_EXPOSURE ->
          new ContentExposure(
              eventId, t, countyCode, contentId, authorKind, platform, impressions, reads);
      case LIVE_STARTED ->
          new LiveStarted(eventId, t, countyCode, sessionId, hostId, platform, title);
      case LIVE_STATS ->
          new LiveStats(eventId, t, countyCode, sessionId, viewersOnline, newViewers, likes);
      case LIVE_ENDED -> new LiveEnded(eventId, t, countyCode, sessionId);
      case SHOP_OPENED -> new ShopOpened(eventId, t, countyCode, shopId, enterpriseName, platform);
      case PRODUCT_LISTED ->
          new ProductListed(eventId, t, countyCode, productId, shopId, productName, priceFen);
      case ORDER_PAID ->
          new OrderPaid(
              eventId,
              t,
              countyCode,
              orderId,
              shopId,
              productId,
              quantity,
              amountFen,
              channel,
              sessionId);
      case ORDER_REFUNDED -> new OrderRefunded(eventId, t, countyCode, orderId, amountFen);
      case TRAINING_ATTENDED ->
          new TrainingAttended(eventId, t, countyCode, traineeId, courseId, mode);
      case HOUSEHOLD_BENEFITED -> new HouseholdBenefited(eventId, t, countyCode, householdId);
    };
  }

  /**
   * Whether the event is de-duplicated by its eventId (kept for the dedup retention). The others
   * are idempotent through a distinct-id set that is kept for the whole campaign (orders, shops,
   * products, trainee posts, households, livestreams), so their eventIds need not be stored.
   */
  public boolean dedupByEventId() {
    switch (type) {
      case CONTENT_PUBLISHED:
        return authorKind != AuthorKind.TRAINEE;
      case LIVE_STARTED:
      case SHOP_OPENED:
      case PRODUCT_LISTED:
      case ORDER_PAID:
      case HOUSEHOLD_BENEFITED:
        return false;
      default:
        return true;
    }
  }

  @Override
  public String toString() {
    return valid()
        ? "ParsedRecord{" + type + " " + eventId + " " + countyCode + " @" + eventTime + "}"
        : "ParsedRecord{rejected " + rejection + "}";
  }
}
