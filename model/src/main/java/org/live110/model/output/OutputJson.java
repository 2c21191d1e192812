package org.live110.model.output;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.live110.model.codec.Rfc3339;

/**
 * JSON of the job's output records ({@link ScopeSnapshot}, {@link DeadLetterSummary}, {@link
 * MinuteBucket}, {@link LiveSession}): the one definition the stream job writes and the dashboard
 * reads. Instants are ISO-8601 strings; unknown fields are ignored so either side can add one.
 */
public final class OutputJson {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          // Registered after the JavaTimeModule, so it takes precedence for Instant.
          .registerModule(
              new SimpleModule("fast-instants").addDeserializer(Instant.class, new Instants()))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .setSerializationInclusion(JsonInclude.Include.ALWAYS);

  private OutputJson() {}

  /**
   * Instants in the shapes the job writes ({@code 2019-06-18T12:05:00Z}, with a fraction or an
   * offset) read by {@link Rfc3339}; anything else as the JavaTimeModule reads it, with its errors.
   * The module's formatter was 40 % of the dashboard's follower thread while it rebuilt its view
   * from a replayed year (a timestamp per series bucket): a series record of 1,440 buckets now
   * reads at ~430 ns a bucket instead of ~1,060 (compiled, BENCHMARKS.md "Dashboard restart").
   */
  private static final class Instants extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    Instants() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      if (p.hasToken(JsonToken.VALUE_STRING)) {
        Instant fast = Rfc3339.fastParse(p.getText());
        if (fast != null) {
          return fast;
        }
      }
      return InstantDeserializer.INSTANT.deserialize(p, ctx);
    }
  }

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
    if (b.minute().getNano() != 0) {
      return write((Object) b);
    }
    Ascii j = new Ascii(176);
    appendBucket(j, new Dates(), b.scope(), b.minute().getEpochSecond(), figures(b));
    return j.toBytes();
  }

  /**
   * Several buckets as one JSON array of the objects {@link #write(MinuteBucket)} gives: the job
   * sends the changed minutes of a scope as one series record (a record per minute made the Kafka
   * producer and broker the largest cost of a replay).
   */
  public static byte[] writeBuckets(List<MinuteBucket> buckets) {
    BucketArray a = new BucketArray();
    for (MinuteBucket b : buckets) {
      a.add(b);
    }
    return a.toBytes();
  }

  /**
   * A series record being written: minute buckets appended straight into one JSON array, byte for
   * byte what {@link #writeBuckets} gives for the same buckets, but from the figures the job holds
   * — no {@link MinuteBucket}, {@code Instant} or date-time object per bucket, and one date per day
   * of minutes (the job writes about one bucket per event it reads in a replay).
   */
  public static final class BucketArray {
    private final Ascii j = new Ascii(1024);
    private final Dates dates = new Dates();
    private final long[] figures = new long[6];
    private int size;

    /**
     * Appends the bucket of {@code scope} for the minute starting at {@code minuteMillis} (epoch
     * milliseconds) with its figures, in {@link MinuteBucket}'s order.
     */
    public BucketArray add(
        String scope,
        long minuteMillis,
        long version,
        long salesFen,
        long orders,
        long exposure,
        long reads,
        long newViewers) {
      figures[0] = version;
      figures[1] = salesFen;
      figures[2] = orders;
      figures[3] = exposure;
      figures[4] = reads;
      figures[5] = newViewers;
      j.ch(size++ == 0 ? '[' : ',');
      if (Math.floorMod(minuteMillis, 1000L) != 0) {
        j.bytes(write((Object) bucket(scope, Instant.ofEpochMilli(minuteMillis), figures)));
      } else {
        appendBucket(j, dates, scope, Math.floorDiv(minuteMillis, 1000L), figures);
      }
      return this;
    }

    BucketArray add(MinuteBucket b) {
      j.ch(size++ == 0 ? '[' : ',');
      if (b.minute().getNano() != 0) {
        j.bytes(write((Object) b));
      } else {
        appendBucket(j, dates, b.scope(), b.minute().getEpochSecond(), figures(b));
      }
      return this;
    }

    /** The buckets appended so far. */
    public int size() {
      return size;
    }

    /**
     * Empties the writer and keeps its buffer: the job writes its series records one after the
     * other through one writer, so the buffer grows to the largest record once, not for each.
     */
    public void reset() {
      j.size = 0;
      size = 0;
    }

    /** The array of the buckets appended so far ({@code []} for none); the writer is unchanged. */
    public byte[] toBytes() {
      if (size == 0) {
        return new byte[] {'[', ']'};
      }
      byte[] out = Arrays.copyOf(j.buf, j.size + 1);
      out[j.size] = ']';
      return out;
    }
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

  private static long[] figures(MinuteBucket b) {
    return new long[] {
      b.version(), b.salesFen(), b.orders(), b.exposure(), b.reads(), b.newViewers()
    };
  }

  private static MinuteBucket bucket(String scope, Instant minute, long[] f) {
    return new MinuteBucket(scope, minute, f[0], f[1], f[2], f[3], f[4], f[5]);
  }

  /** One bucket at a whole second, as the mapper writes it ({@code f}: version, salesFen, ...). */
  private static void appendBucket(Ascii j, Dates dates, String scope, long epochSecond, long[] f) {
    LocalDate d = dates.of(Math.floorDiv(epochSecond, 86_400L));
    if (!isPlain(scope) || d.getYear() < 1000 || d.getYear() > 9999) {
      // Never in practice; keeps the output identical to the mapper's when it happens.
      j.bytes(write((Object) bucket(scope, Instant.ofEpochSecond(epochSecond), f)));
      return;
    }
    int second = (int) Math.floorMod(epochSecond, 86_400L);
    j.str("{\"scope\":\"").str(scope).str("\",\"minute\":\"").num(d.getYear()).ch('-');
    j.two(d.getMonthValue()).ch('-').two(d.getDayOfMonth()).ch('T');
    j.two(second / 3600).ch(':').two(second / 60 % 60).ch(':').two(second % 60);
    j.str("Z\",\"version\":").num(f[0]);
    j.str(",\"salesFen\":").num(f[1]);
    j.str(",\"orders\":").num(f[2]);
    j.str(",\"exposure\":").num(f[3]);
    j.str(",\"reads\":").num(f[4]);
    j.str(",\"newViewers\":").num(f[5]).ch('}');
  }

  /** The last UTC date asked for, kept: a series record's minutes share a few days. */
  private static final class Dates {
    private long epochDay = Long.MIN_VALUE;
    private LocalDate date;

    LocalDate of(long day) {
      if (day != epochDay || date == null) {
        date = LocalDate.ofEpochDay(day);
        epochDay = day;
      }
      return date;
    }
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
