package org.live110.simulator.gen;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Random;
import org.live110.model.codec.EventWriter;
import org.live110.model.codec.RejectReason;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.LiveStats;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * Makes bad records the way real producers break them, each meant for one reject reason: a record
 * cut short, a GBK-encoded field, a record padded past the size limit, a required field dropped, a
 * negative or fractional amount, an unknown type or county, a clock a year off. Each is derived
 * from a clean event of the year so that it looks like its neighbours. None contains a newline.
 */
final class BadRecords {
  /** "大凉山" in GBK: its first byte (0xB4) cannot start a UTF-8 sequence. */
  private static final byte[] GBK_DALIANGSHAN = {
    (byte) 0xB4, (byte) 0xF3, (byte) 0xC1, (byte) 0xB9, (byte) 0xC9, (byte) 0xBD
  };

  private static final String[] UNKNOWN_TYPES = {
    "order_cancelled", "live_gift", "content_shared", "coupon_issued", "ORDER_PAID"
  };
  private static final String[] OTHER_COUNTIES = {
    "110101", "310115", "440305", "330106", "999999", "000000", "500101"
  };

  /**
   * Reasons in a fixed order, with relative weights (too-large records are rarer: they are big).
   */
  static final RejectReason[] REASONS = RejectReason.values();

  private static final double[] WEIGHTS = new double[REASONS.length];

  static {
    Arrays.fill(WEIGHTS, 1.0);
    WEIGHTS[RejectReason.TOO_LARGE.ordinal()] = 0.25;
  }

  private final ObjectMapper mapper = new ObjectMapper();
  private final CountyRegistry registry;
  private final int tooLargeBytes;
  private final int year;

  BadRecords(CountyRegistry registry, int tooLargeBytes, int year) {
    this.registry = registry;
    this.tooLargeBytes = tooLargeBytes;
    this.year = year;
  }

  /** A reason drawn by weight. */
  static RejectReason pickReason(Random rng) {
    double total = 0;
    for (double w : WEIGHTS) {
      total += w;
    }
    double x = rng.nextDouble() * total;
    for (int i = 0; i < REASONS.length; i++) {
      if (x < WEIGHTS[i]) {
        return REASONS[i];
      }
      x -= WEIGHTS[i];
    }
    return REASONS[REASONS.length - 1];
  }

  /** A bad record meant to be rejected for {@code reason}, derived from a clean event. */
  byte[] make(RejectReason reason, CampaignEvent base, Random rng) {
    byte[] json = EventWriter.toJson(base);
    switch (reason) {
      case MALFORMED_JSON:
        return malformed(json, rng);
      case BAD_ENCODING:
        return concat(withoutClose(json), ascii(",\"note\":\""), GBK_DALIANGSHAN, ascii("\"}"));
      case TOO_LARGE:
        {
          byte[] head = concat(withoutClose(json), ascii(",\"attachment\":\""));
          int pad = Math.max(0, tooLargeBytes - head.length - 2);
          byte[] padding = new byte[pad];
          for (int i = 0; i < pad; i++) {
            padding[i] = (byte) ('A' + (i % 26));
          }
          return concat(head, padding, ascii("\"}"));
        }
      case MISSING_FIELD:
        {
          ObjectNode node = tree(json);
          String[] names = fieldNames(node);
          // Envelope fields, or the first field of the type's own (always required).
          String[] candidates = {"eventId", "eventTime", "countyCode", "type", names[4]};
          String field = candidates[rng.nextInt(candidates.length)];
          if (rng.nextBoolean()) {
            node.remove(field);
          } else {
            node.putNull(field); // a null counts as missing
          }
          return write(node);
        }
      case BAD_VALUE:
        return badValue(base, tree(json), rng);
      case UNKNOWN_TYPE:
        {
          ObjectNode node = tree(json);
          node.put("type", UNKNOWN_TYPES[rng.nextInt(UNKNOWN_TYPES.length)]);
          return write(node);
        }
      case UNKNOWN_COUNTY:
        {
          ObjectNode node = tree(json);
          node.put("countyCode", otherCounty(rng));
          return write(node);
        }
      case OUT_OF_CAMPAIGN:
        {
          ObjectNode node = tree(json);
          // A device clock off by more than a year (before the campaign or after it).
          Duration shift = Duration.ofDays(rng.nextBoolean() ? -400 : 400);
          node.put(
              "eventTime",
              OffsetDateTime.ofInstant(base.eventTime().plus(shift), CampaignCalendar.ZONE)
                  .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
          return write(node);
        }
      default:
        throw new IllegalStateException("no recipe for " + reason);
    }
  }

  private byte[] malformed(byte[] json, Random rng) {
    double x = rng.nextDouble();
    if (x < 0.15) {
      return ascii("<html><body><h1>502 Bad Gateway</h1></body></html>");
    }
    if (x < 0.3) {
      // A trailing comma before the closing brace.
      return concat(withoutClose(json), ascii(",}"));
    }
    // Cut short, after an ASCII byte so the cut never splits a UTF-8 character.
    int cut;
    do {
      cut = 1 + rng.nextInt(json.length - 2);
    } while (json[cut - 1] < 0);
    return Arrays.copyOf(json, cut);
  }

  private byte[] badValue(CampaignEvent base, ObjectNode node, Random rng) {
    double x = rng.nextDouble();
    if (base instanceof OrderPaid || base instanceof OrderRefunded) {
      long amount = node.get("amountFen").asLong();
      if (x < 0.5) {
        node.put("amountFen", -amount);
      } else if (x < 0.75) {
        node.put("amountFen", amount / 100.0 + 0.5); // yuan as a float where fen belong
      } else {
        node.put("eventTime", localTime(base));
      }
    } else if (base instanceof ContentExposure && x < 0.5) {
      node.put("impressions", -node.get("impressions").asLong() - 1);
    } else if (base instanceof LiveStats && x < 0.5) {
      node.put("viewersOnline", -1);
    } else if (x < 0.75) {
      node.put("eventTime", localTime(base));
    } else {
      node.put("countyCode", base.countyCode().substring(0, 5)); // a code cut to 5 digits
    }
    return write(node);
  }

  /** An event time without offset: not RFC 3339. */
  private static String localTime(CampaignEvent base) {
    return OffsetDateTime.ofInstant(base.eventTime(), CampaignCalendar.ZONE)
        .toLocalDateTime()
        .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  private String otherCounty(Random rng) {
    for (int attempt = 0; attempt < 100; attempt++) {
      String code =
          attempt < 20
              ? OTHER_COUNTIES[rng.nextInt(OTHER_COUNTIES.length)]
              : String.format("%06d", rng.nextInt(1_000_000));
      if (!registry.contains(code)) {
        return code;
      }
    }
    throw new IllegalStateException("the registry holds every 6-digit code tried");
  }

  private ObjectNode tree(byte[] json) {
    try {
      return (ObjectNode) mapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String[] fieldNames(ObjectNode node) {
    String[] names = new String[node.size()];
    int i = 0;
    for (var it = node.fieldNames(); it.hasNext(); ) {
      names[i++] = it.next();
    }
    return names;
  }

  private byte[] write(ObjectNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] withoutClose(byte[] json) {
    return Arrays.copyOf(json, json.length - 1);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  int year() {
    return year;
  }
}
