package org.live110.model.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * JSON of the job's output records ({@link ScopeSnapshot}, {@link DeadLetterSummary}, {@link
 * MinuteBucket}, {@link LiveSession}): the one definition the stream job writes and the dashboard
 * reads. Instants are ISO-8601 strings; unknown fields are ignored so either side can add one.
 */
public final class OutputJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private OutputJson() {}

  /** A mapper configured for the output records (shared; do not reconfigure). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] write(Object record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + record.getClass().getSimpleName(), e);
    }
  }

  /**
   * The same JSON as {@link #write(Object)} gives for a bucket (a test holds them equal), written
   * by hand: the job writes one per series minute per scope — in a replay about as many as it reads
   * events — and bean serialization of each was the largest single cost of the series stage.
   */
  public static byte[] write(MinuteBucket b) {
    StringBuilder j = new StringBuilder(176);
    append(j, b);
    return j.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Several buckets as one JSON array of the objects {@link #write(MinuteBucket)} gives: the job
   * sends the changed minutes of a scope as one series record (a record per minute made the Kafka
   * producer and broker the largest cost of a replay).
   */
  public static byte[] writeBuckets(List<MinuteBucket> buckets) {
    StringBuilder j = new StringBuilder(16 + 176 * buckets.size());
    j.append('[');
    for (int i = 0; i < buckets.size(); i++) {
      if (i > 0) {
        j.append(',');
      }
      append(j, buckets.get(i));
    }
    return j.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The buckets of one series record: a JSON array ({@link #writeBuckets}) or a single bucket
   * object (what builds before batching wrote, still in the topic after an upgrade).
   */
  public static List<MinuteBucket> readBuckets(byte[] json) {
    for (byte c : json) {
      if (c == '[') {
        return Arrays.asList(read(json, MinuteBucket[].class)); // may hold nulls: the reader checks
      }
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
    }
    return List.of(read(json, MinuteBucket.class));
  }

  private static void append(StringBuilder j, MinuteBucket b) {
    String scope = b.scope();
    LocalDateTime t = LocalDateTime.ofEpochSecond(b.minute().getEpochSecond(), 0, ZoneOffset.UTC);
    if (!isPlain(scope) || b.minute().getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
      // Never in practice; keeps the output identical to the mapper's when it happens.
      j.append(new String(write((Object) b), StandardCharsets.UTF_8));
      return;
    }
    j.append("{\"scope\":\"")
        .append(scope)
        .append("\",\"minute\":\"")
        .append(t.getYear())
        .append('-');
    twoDigits(j, t.getMonthValue()).append('-');
    twoDigits(j, t.getDayOfMonth()).append('T');
    twoDigits(j, t.getHour()).append(':');
    twoDigits(j, t.getMinute()).append(':');
    twoDigits(j, t.getSecond()).append("Z\",\"version\":").append(b.version());
    j.append(",\"salesFen\":").append(b.salesFen());
    j.append(",\"orders\":").append(b.orders());
    j.append(",\"exposure\":").append(b.exposure());
    j.append(",\"reads\":").append(b.reads());
    j.append(",\"newViewers\":").append(b.newViewers()).append('}');
  }

  /** Printable ASCII that JSON needs no escape for. */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private static StringBuilder twoDigits(StringBuilder j, int v) {
    return j.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
    }
  }
}
