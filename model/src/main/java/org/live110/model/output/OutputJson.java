package org.live110.model.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
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
    Ascii j = new Ascii(176);
    append(j, b);
    return j.toBytes();
  }

  /**
   * Several buckets as one JSON array of the objects {@link #write(MinuteBucket)} gives: the job
   * sends the changed minutes of a scope as one series record (a record per minute made the Kafka
   * producer and broker the largest cost of a replay).
   */
  public static byte[] writeBuckets(List<MinuteBucket> buckets) {
    Ascii j = new Ascii(16 + 176 * buckets.size());
    j.ch('[');
    for (int i = 0; i < buckets.size(); i++) {
      if (i > 0) {
        j.ch(',');
      }
      append(j, buckets.get(i));
    }
    return j.ch(']').toBytes();
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

  private static void append(Ascii j, MinuteBucket b) {
    String scope = b.scope();
    LocalDateTime t = LocalDateTime.ofEpochSecond(b.minute().getEpochSecond(), 0, ZoneOffset.UTC);
    if (!isPlain(scope) || b.minute().getNano() != 0 || t.getYear() < 1000 || t.getYear() > 9999) {
      // Never in practice; keeps the output identical to the mapper's when it happens.
      j.bytes(write((Object) b));
      return;
    }
    j.str("{\"scope\":\"").str(scope).str("\",\"minute\":\"").num(t.getYear()).ch('-');
    j.two(t.getMonthValue()).ch('-').two(t.getDayOfMonth()).ch('T');
    j.two(t.getHour()).ch(':').two(t.getMinute()).ch(':').two(t.getSecond());
    j.str("Z\",\"version\":").num(b.version());
    j.str(",\"salesFen\":").num(b.salesFen());
    j.str(",\"orders\":").num(b.orders());
    j.str(",\"exposure\":").num(b.exposure());
    j.str(",\"reads\":").num(b.reads());
    j.str(",\"newViewers\":").num(b.newViewers()).ch('}');
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

  /**
   * ASCII text written straight into bytes: a bucket went through a {@code StringBuilder}, a {@code
   * String} and its UTF-8 encoding before, three copies of every series record.
   */
  private static final class Ascii {
    private byte[] buf;
    private int size;

    Ascii(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(2 * buf.length, size + more));
      }
    }

    Ascii ch(char c) {
      ensure(1);
      buf[size++] = (byte) c;
      return this;
    }

    /** Only for printable ASCII (callers check). */
    Ascii str(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        buf[size++] = (byte) s.charAt(i);
      }
      return this;
    }

    Ascii bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    Ascii two(int v) {
      return ch((char) ('0' + v / 10)).ch((char) ('0' + v % 10));
    }

    /** The decimal digits of {@code v}, as {@link Long#toString(long)} writes them. */
    Ascii num(long v) {
      if (v == Long.MIN_VALUE) {
        return str(Long.toString(v));
      }
      ensure(20);
      if (v < 0) {
        buf[size++] = '-';
        v = -v;
      }
      int end = size + digits(v);
      for (int i = end - 1; i >= size; i--) {
        buf[i] = (byte) ('0' + v % 10);
        v /= 10;
      }
      size = end;
      return this;
    }

    private static int digits(long v) {
      int d = 1;
      while (v >= 10) {
        v /= 10;
        d++;
      }
      return d;
    }

    byte[] toBytes() {
      return Arrays.copyOf(buf, size);
    }
  }

  public static <T> T read(byte[] json, Class<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + type.getSimpleName(), e);
    }
  }
}
