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
    String scope = b.scope();
    LocalDateTime t = LocalDateTime.ofEpochSecond(b.minute().getEpochSecond(), 0, ZoneOffset.UTC);
    if (!isPlain(scope) || b.minute().getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
      return write((Object) b); // never in practice; keeps the output identical when it happens
    }
    StringBuilder j = new StringBuilder(176);
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
    return j.toString().getBytes(StandardCharsets.US_ASCII);
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
