package org.live110.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
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
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * The one parser of the event contract: raw record bytes in, a valid typed event or a rejection
 * with a stable reason out. It never throws for bad input.
 *
 * <p>Rules beyond the JSON Schema, chosen to keep every figure exact: numbers with a fraction or
 * exponent (even {@code 12.0}) are rejected where an integer belongs; a {@code null} field counts
 * as missing; a key repeated in one object is malformed (which of the two would count?); unknown
 * fields are skipped whatever their content, within a nesting limit.
 *
 * <p>It streams over the bytes with Jackson's token parser (no tree), as it runs once per input
 * event at the edge of the job. Instances are immutable and thread-safe.
 */
public final class EventParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Default size limit: the largest valid event is a few kilobytes. */
  public static final int DEFAULT_MAX_BYTES = 64 * 1024;

  private static final int MAX_NESTING = 32;
  private static final int MAX_ID = 128;
  private static final int MAX_TEXT = 512;

  private final Set<String> countyCodes;
  private final Instant campaignStart;
  private final Instant campaignEnd;
  private final int maxBytes;
  private transient JsonFactory json;

  public EventParser(CountyRegistry registry, CampaignCalendar calendar) {
    this(registry, calendar, DEFAULT_MAX_BYTES);
  }

  public EventParser(CountyRegistry registry, CampaignCalendar calendar, int maxBytes) {
    this.countyCodes = Set.copyOf(registry.counties().stream().map(c -> c.code()).toList());
    this.campaignStart = calendar.start();
    this.campaignEnd = calendar.end();
    this.maxBytes = maxBytes;
  }

  public int maxBytes() {
    return maxBytes;
  }

  private JsonFactory json() {
    JsonFactory f = json;
    if (f == null) {
      f =
          JsonFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
              .build();
      json = f;
    }
    return f;
  }

  /** Parses one record value (may be null for a Kafka record without value). */
  public ParseResult parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return reject(RejectReason.MALFORMED_JSON, "empty record");
    }
    if (bytes.length > maxBytes) {
      return reject(
          RejectReason.TOO_LARGE, bytes.length + " bytes is over the limit of " + maxBytes);
    }
    if (!Utf8.isValid(bytes)) {
      return reject(RejectReason.BAD_ENCODING, "not valid UTF-8");
    }
    if (!startsWithObject(bytes)) {
      return reject(RejectReason.MALFORMED_JSON, "not a JSON object");
    }
    Object[] slots = new Object[Field.COUNT];
    try (JsonParser p = json().createParser(bytes)) {
      p.nextToken(); // START_OBJECT, checked above
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        Field f = Field.byName(p.currentName());
        JsonToken v = p.nextToken();
        if (f == null) {
          p.skipChildren();
          continue;
        }
        slots[f.ordinal()] = readValue(p, v);
      }
      if (t != JsonToken.END_OBJECT) {
        return reject(RejectReason.MALFORMED_JSON, "object not closed");
      }
      if (p.nextToken() != null) {
        return reject(RejectReason.MALFORMED_JSON, "data after the JSON object");
      }
    } catch (JsonProcessingException e) {
      return reject(RejectReason.MALFORMED_JSON, firstLine(e.getOriginalMessage()));
    } catch (IOException e) {
      return reject(RejectReason.MALFORMED_JSON, firstLine(e.getMessage()));
    }
    try {
      return new ParseResult.Accepted(build(new Fields(slots)));
    } catch (Rejection r) {
      return new ParseResult.Rejected(r.reason, r.getMessage());
    }
  }

  private static boolean startsWithObject(byte[] b) {
    for (byte x : b) {
      if (x == ' ' || x == '\t' || x == '\n' || x == '\r') {
        continue;
      }
      return x == '{';
    }
    return false;
  }

  /** A scalar as String or Long; anything else as a {@link Wrong} describing it. */
  private static Object readValue(JsonParser p, JsonToken v) throws IOException {
    switch (v) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return Wrong.HUGE_NUMBER;
        }
        return p.getLongValue();
      case VALUE_NULL:
        return null;
      case VALUE_NUMBER_FLOAT:
        return Wrong.FRACTION;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return Wrong.BOOLEAN;
      default:
        p.skipChildren();
        return Wrong.STRUCTURE;
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid JSON";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  private CampaignEvent build(Fields f) {
    String typeName = f.string(Field.TYPE, 1, 64);
    EventType type =
        EventType.byWireName(typeName)
            .orElseThrow(
                () -> new Rejection(RejectReason.UNKNOWN_TYPE, "unknown type " + clip(typeName)));
    String eventId = f.id(Field.EVENT_ID);
    Instant eventTime = f.time(Field.EVENT_TIME);
    String county = f.string(Field.COUNTY_CODE, 6, 6);
    if (!isSixDigits(county)) {
      throw new Rejection(RejectReason.BAD_VALUE, "countyCode must be 6 digits");
    }
    if (!countyCodes.contains(county)) {
      throw new Rejection(
          RejectReason.UNKNOWN_COUNTY, "county " + county + " is not in the registry");
    }
    CampaignEvent event =
        switch (type) {
          case CONTENT_PUBLISHED -> {
            AuthorKind kind = f.authorKind();
            yield new ContentPublished(
                eventId,
                eventTime,
                county,
                f.id(Field.CONTENT_ID),
                kind,
                f.string(Field.PLATFORM, 1, MAX_ID),
                kind == AuthorKind.TRAINEE
                    ? f.id(Field.TRAINEE_ID)
                    : f.optionalId(Field.TRAINEE_ID));
          }
          case CONTENT_EXPOSURE ->
              new ContentExposure(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.CONTENT_ID),
                  f.authorKind(),
                  f.string(Field.PLATFORM, 1, MAX_ID),
                  f.integer(Field.IMPRESSIONS, 0),
                  f.integer(Field.READS, 0));
          case LIVE_STARTED ->
              new LiveStarted(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.SESSION_ID),
                  f.id(Field.HOST_ID),
                  f.string(Field.PLATFORM, 1, MAX_ID),
                  f.optionalString(Field.TITLE, 0, MAX_TEXT));
          case LIVE_STATS ->
              new LiveStats(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.SESSION_ID),
                  f.integer(Field.VIEWERS_ONLINE, 0),
                  f.integer(Field.NEW_VIEWERS, 0),
                  f.integer(Field.LIKES, 0));
          case LIVE_ENDED -> new LiveEnded(eventId, eventTime, county, f.id(Field.SESSION_ID));
          case SHOP_OPENED ->
              new ShopOpened(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.SHOP_ID),
                  f.string(Field.ENTERPRISE_NAME, 1, MAX_TEXT),
                  f.string(Field.PLATFORM, 1, MAX_ID));
          case PRODUCT_LISTED ->
              new ProductListed(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.PRODUCT_ID),
                  f.id(Field.SHOP_ID),
                  f.string(Field.PRODUCT_NAME, 1, MAX_TEXT),
                  f.integer(Field.PRICE_FEN, 1));
          case ORDER_PAID ->
              new OrderPaid(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.ORDER_ID),
                  f.id(Field.SHOP_ID),
                  f.id(Field.PRODUCT_ID),
                  f.integer(Field.QUANTITY, 1),
                  f.integer(Field.AMOUNT_FEN, 1),
                  f.channel(),
                  f.optionalId(Field.SESSION_ID));
          case ORDER_REFUNDED ->
              new OrderRefunded(
                  eventId, eventTime, county, f.id(Field.ORDER_ID), f.integer(Field.AMOUNT_FEN, 1));
          case TRAINING_ATTENDED ->
              new TrainingAttended(
                  eventId,
                  eventTime,
                  county,
                  f.id(Field.TRAINEE_ID),
                  f.id(Field.COURSE_ID),
                  f.mode());
          case HOUSEHOLD_BENEFITED ->
              new HouseholdBenefited(eventId, eventTime, county, f.id(Field.HOUSEHOLD_ID));
        };
    if (eventTime.isBefore(campaignStart) || !eventTime.isBefore(campaignEnd)) {
      throw new Rejection(
          RejectReason.OUT_OF_CAMPAIGN,
          "eventTime "
              + eventTime
              + " is outside the campaign year "
              + campaignStart
              + ".."
              + campaignEnd);
    }
    return event;
  }

  private static boolean isSixDigits(String s) {
    if (s.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static String clip(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  private static ParseResult reject(RejectReason reason, String detail) {
    return new ParseResult.Rejected(reason, detail);
  }

  /** The contract's field names the parser reads; any other field is skipped. */
  private enum Field {
    EVENT_ID("eventId"),
    TYPE("type"),
    EVENT_TIME("eventTime"),
    COUNTY_CODE("countyCode"),
    CONTENT_ID("contentId"),
    AUTHOR_KIND("authorKind"),
    PLATFORM("platform"),
    TRAINEE_ID("traineeId"),
    IMPRESSIONS("impressions"),
    READS("reads"),
    SESSION_ID("sessionId"),
    HOST_ID("hostId"),
    TITLE("title"),
    VIEWERS_ONLINE("viewersOnline"),
    NEW_VIEWERS("newViewers"),
    LIKES("likes"),
    SHOP_ID("shopId"),
    ENTERPRISE_NAME("enterpriseName"),
    PRODUCT_ID("productId"),
    PRODUCT_NAME("productName"),
    PRICE_FEN("priceFen"),
    ORDER_ID("orderId"),
    QUANTITY("quantity"),
    AMOUNT_FEN("amountFen"),
    CHANNEL("channel"),
    COURSE_ID("courseId"),
    MODE("mode"),
    HOUSEHOLD_ID("householdId");

    static final int COUNT = values().length;
    private static final Map<String, Field> BY_NAME = new HashMap<>();

    static {
      for (Field f : values()) {
        BY_NAME.put(f.wire, f);
      }
    }

    final String wire;

    Field(String wire) {
      this.wire = wire;
    }

    static Field byName(String name) {
      return BY_NAME.get(name);
    }
  }

  /** A value of the wrong JSON kind, kept to say what was wrong with it. */
  private enum Wrong {
    FRACTION("a number with a fraction or exponent"),
    HUGE_NUMBER("a number too large"),
    BOOLEAN("a boolean"),
    STRUCTURE("an object or array");

    final String what;

    Wrong(String what) {
      this.what = what;
    }
  }

  /** Typed, validating access to the fields read from one record. */
  private static final class Fields {
    private final Object[] slots;

    Fields(Object[] slots) {
      this.slots = slots;
    }

    private Object raw(Field f) {
      Object v = slots[f.ordinal()];
      if (v == null) {
        throw new Rejection(RejectReason.MISSING_FIELD, f.wire + " is required");
      }
      return v;
    }

    String string(Field f, int minLength, int maxLength) {
      Object v = raw(f);
      if (!(v instanceof String s)) {
        throw new Rejection(
            RejectReason.BAD_VALUE, f.wire + " must be a string, not " + describe(v));
      }
      if (s.length() < minLength || s.length() > maxLength) {
        throw new Rejection(
            RejectReason.BAD_VALUE,
            f.wire
                + " must have "
                + minLength
                + ".."
                + maxLength
                + " characters, not "
                + s.length());
      }
      return s;
    }

    String optionalString(Field f, int minLength, int maxLength) {
      return slots[f.ordinal()] == null ? null : string(f, minLength, maxLength);
    }

    String id(Field f) {
      return string(f, 1, MAX_ID);
    }

    String optionalId(Field f) {
      return optionalString(f, 1, MAX_ID);
    }

    long integer(Field f, long min) {
      Object v = raw(f);
      if (!(v instanceof Long n)) {
        throw new Rejection(
            RejectReason.BAD_VALUE, f.wire + " must be an integer, not " + describe(v));
      }
      if (n < min) {
        throw new Rejection(RejectReason.BAD_VALUE, f.wire + " must be an integer >= " + min);
      }
      return n;
    }

    Instant time(Field f) {
      String s = string(f, 1, 64);
      Instant fast = Rfc3339.fastParse(s);
      if (fast != null) {
        return fast;
      }
      try {
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw new Rejection(
            RejectReason.BAD_VALUE,
            f.wire + " must be RFC 3339 with an offset, not '" + clip(s) + "'");
      }
    }

    AuthorKind authorKind() {
      return switch (string(Field.AUTHOR_KIND, 1, 16)) {
        case "trainee" -> AuthorKind.TRAINEE;
        case "brand" -> AuthorKind.BRAND;
        case "media" -> AuthorKind.MEDIA;
        default ->
            throw new Rejection(
                RejectReason.BAD_VALUE, "authorKind must be trainee, brand or media");
      };
    }

    SalesChannel channel() {
      return switch (string(Field.CHANNEL, 1, 16)) {
        case "livestream" -> SalesChannel.LIVESTREAM;
        case "short_video" -> SalesChannel.SHORT_VIDEO;
        case "store" -> SalesChannel.STORE;
        default ->
            throw new Rejection(
                RejectReason.BAD_VALUE, "channel must be livestream, short_video or store");
      };
    }

    TrainingMode mode() {
      return switch (string(Field.MODE, 1, 16)) {
        case "online" -> TrainingMode.ONLINE;
        case "offline" -> TrainingMode.OFFLINE;
        default -> throw new Rejection(RejectReason.BAD_VALUE, "mode must be online or offline");
      };
    }

    private static String describe(Object v) {
      if (v instanceof Wrong w) {
        return w.what;
      }
      return v instanceof String ? "a string" : "a number";
    }
  }

  /** Internal control flow for a rejection; never leaves the parser. */
  private static final class Rejection extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final RejectReason reason;

    Rejection(RejectReason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }
}
