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
    String t = find(TIME, text(value));
    if (t == null) {
      return Long.MIN_VALUE;
    }
    try {
      return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      return Long.MIN_VALUE;
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
