package org.live110.simulator;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.live110.model.Topics;
import org.live110.model.event.EventType;

/**
 * Where a raw record goes, read leniently from its bytes (no validation: that is the job's work). A
 * record whose {@code type} names a contract type goes to that type's topic, keyed by its {@code
 * countyCode} when one can be read; any other record — broken JSON, an unknown or missing type —
 * goes to the fallback topic (the programme topic) so that the job dead-letters it as it would
 * live. Simulate and replay route bad records by this one rule, so a replayed file lands exactly
 * where the original run put it.
 */
public final class Routing {
  private static final Pattern TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");
  private static final Pattern COUNTY = Pattern.compile("\"countyCode\"\\s*:\\s*\"([0-9]{6})\"");
  private static final Pattern TIME =
      Pattern.compile("\"eventTime\"\\s*:\\s*\"([^\"\\\\]{1,64})\"");

  private Routing() {}

  /** The topic for records whose type cannot be read or is unknown. */
  public static String fallbackTopic(Topics topics) {
    return topics.programme();
  }

  /** The topic a raw record belongs to. */
  public static String topicOf(byte[] value, Topics topics) {
    String type = find(TYPE, text(value));
    if (type == null) {
      return fallbackTopic(topics);
    }
    return EventType.byWireName(type).map(topics::inputFor).orElse(fallbackTopic(topics));
  }

  /** The county code of a raw record, or null when none can be read. */
  public static String keyOf(byte[] value) {
    return find(COUNTY, text(value));
  }

  /** The event time of a raw record in epoch millis, or {@code Long.MIN_VALUE} if unreadable. */
  public static long eventTimeOf(byte[] value) {
    EventTime t = eventTime(value);
    return t == null ? Long.MIN_VALUE : t.epochMillis();
  }

  /**
   * A raw record's readable event time and where its text lies in the record's bytes.
   *
   * @param start the offset of the time's first byte (after the opening quote)
   * @param end the offset after its last byte (the closing quote)
   */
  public record EventTime(long epochMillis, int start, int end) {}

  /** The event time of a raw record and where it stands, or null if unreadable. */
  public static EventTime eventTime(byte[] value) {
    Matcher m = TIME.matcher(text(value));
    if (!m.find()) {
      return null;
    }
    try {
      long millis =
          OffsetDateTime.parse(m.group(1), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
              .toInstant()
              .toEpochMilli();
      // Latin-1 text: the match's char offsets are byte offsets.
      return new EventTime(millis, m.start(1), m.end(1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Bytes as Latin-1 text: every byte maps to one char, so even non-UTF-8 records can be read. */
  private static String text(byte[] value) {
    // The envelope fields come first in contract records; a bounded prefix keeps huge ones cheap.
    int n = Math.min(value.length, 4096);
    return new String(value, 0, n, StandardCharsets.ISO_8859_1);
  }

  private static String find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }
}
