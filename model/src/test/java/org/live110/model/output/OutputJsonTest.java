package org.live110.model.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputJsonTest {
  private static byte[] viaBean(Object record) {
    try {
      return OutputJson.mapper().writeValueAsBytes(record);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** What the output mapper reads instants as without its hand-written reader. */
  private static final ObjectMapper JAVA_TIME =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  @Test
  void instantsReadAsTheJavaTimeModuleReadsThem() throws Exception {
    String[] good = {
      "\"2019-06-18T12:05:00Z\"",
      "\"2019-06-18T20:05:00+08:00\"",
      "\"2019-06-18T04:05:00.123-08:00\"",
      "\"2019-12-31T23:59:59.999999999Z\"",
      "\"+12019-06-18T12:05:00Z\"",
      "1560859500",
      "1560859500.5",
      "null"
    };
    for (String json : good) {
      assertThat(OutputJson.mapper().readValue(json, Instant.class))
          .as(json)
          .isEqualTo(JAVA_TIME.readValue(json, Instant.class));
    }
    String[] bad = {
      "\"2019-02-30T12:05:00Z\"",
      "\"2019-06-18T24:05:00Z\"",
      "\"2019-06-18 12:05:00Z\"",
      "\"x\"",
      "true"
    };
    for (String json : bad) {
      Throwable ours = catchThrowable(() -> OutputJson.mapper().readValue(json, Instant.class));
      Throwable theirs = catchThrowable(() -> JAVA_TIME.readValue(json, Instant.class));
      assertThat(theirs).as(json).isNotNull();
      assertThat(ours).as(json).isNotNull().hasSameClassAs(theirs);
    }
  }

  @Test
  void theStreamingBucketWriterWritesExactlyWhatTheMapperWrites() throws Exception {
    MinuteBucket[] buckets = {
      new MinuteBucket("all", Instant.parse("2019-06-01T02:00:00Z"), 2, 300, 1, 0, 0, 0),
      new MinuteBucket(
          "county:622921", Instant.parse("2019-12-31T15:59:00Z"), 7, -200, 0, 1000, 9, 3),
      new MinuteBucket(
          "tier:core", Instant.ofEpochMilli(0), Long.MAX_VALUE, Long.MIN_VALUE, 0, 0, 0, 0),
      new MinuteBucket(
          "all",
          Instant.parse("2019-10-10T10:10:00Z"),
          10,
          -1,
          9_999_999_999L,
          1_000_000_000_000_000_000L,
          100,
          -Long.MAX_VALUE),
      new MinuteBucket("county:\"<x>\"\n", Instant.parse("2019-06-01T02:01:00Z"), 1, 0, 0, 0, 0, 0),
      new MinuteBucket("县", Instant.parse("2019-06-01T02:01:00Z"), 1, 0, 0, 0, 0, 0),
      new MinuteBucket("all", Instant.parse("2019-06-01T02:01:30.5Z"), 1, 0, 0, 0, 0, 0),
      new MinuteBucket("all", Instant.parse("+12019-06-01T02:01:00Z"), 1, 0, 0, 0, 0, 0),
      new MinuteBucket("all", Instant.parse("0999-01-01T00:00:00Z"), 1, 0, 0, 0, 0, 0)
    };
    for (MinuteBucket b : buckets) {
      assertThat(new String(OutputJson.write(b), UTF_8)).isEqualTo(new String(viaBean(b), UTF_8));
      assertThat(OutputJson.read(OutputJson.write(b), MinuteBucket.class)).isEqualTo(b);
      assertThat(OutputJson.readBuckets(OutputJson.write(b))).containsExactly(b);
    }
    List<MinuteBucket> all = List.of(buckets);
    byte[] batch = OutputJson.writeBuckets(all);
    assertThat(new String(batch, UTF_8))
        .isEqualTo(new String(OutputJson.mapper().writeValueAsBytes(all), UTF_8));
    assertThat(OutputJson.readBuckets(batch)).isEqualTo(all);
    assertThat(OutputJson.readBuckets(OutputJson.writeBuckets(List.of()))).isEmpty();
    assertThat(OutputJson.readBuckets(" \n[]".getBytes(UTF_8))).isEmpty();

    // The job's path: the same buckets from their figures and epoch milliseconds.
    assertThat(new String(fromFigures(all), UTF_8))
        .isEqualTo(new String(OutputJson.mapper().writeValueAsBytes(all), UTF_8));
  }

  @Test
  void bucketsWrittenFromTheirFiguresAreWhatTheMapperWritesForAnyMinuteAndFigure()
      throws Exception {
    Random random = new Random(110);
    String[] scopes = {"all", "tier:core", "county:622921", "县", "a\\b"};
    long[] edges = {0, 1, -1, 9, 10, 99, Long.MAX_VALUE, Long.MIN_VALUE, -Long.MAX_VALUE};
    List<MinuteBucket> buckets = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      // Times from year 0600 to 10400: mostly whole minutes, some whole seconds, some half.
      long millis = -43_000_000_000_000L + (long) (random.nextDouble() * 308_000_000_000_000L);
      if (i % 50 != 0) {
        millis = Math.floorDiv(millis, 60_000L) * 60_000L;
      } else {
        millis = Math.floorDiv(millis, 1_000L) * 1_000L + (i % 100 == 0 ? 0 : 500);
      }
      long[] f = new long[6];
      for (int k = 0; k < f.length; k++) {
        f[k] = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)] : random.nextLong();
      }
      buckets.add(
          new MinuteBucket(
              scopes[random.nextInt(scopes.length)],
              Instant.ofEpochMilli(millis),
              f[0],
              f[1],
              f[2],
              f[3],
              f[4],
              f[5]));
    }
    // One writer for all records, as the job uses it: reset between records.
    OutputJson.BucketArray writer = new OutputJson.BucketArray();
    for (int from = 0; from < buckets.size(); from += 1_000) {
      List<MinuteBucket> record = buckets.subList(from, from + 1_000);
      assertThat(new String(fromFigures(writer, record), UTF_8))
          .isEqualTo(new String(OutputJson.mapper().writeValueAsBytes(record), UTF_8));
      writer.reset();
    }
    assertThat(new String(writer.toBytes(), UTF_8)).isEqualTo("[]");
    assertThat(new String(new OutputJson.BucketArray().toBytes(), UTF_8)).isEqualTo("[]");
  }

  private static byte[] fromFigures(List<MinuteBucket> buckets) {
    return fromFigures(new OutputJson.BucketArray(), buckets);
  }

  private static byte[] fromFigures(OutputJson.BucketArray a, List<MinuteBucket> buckets) {
    for (MinuteBucket b : buckets) {
      a.add(
          b.scope(),
          b.minute().toEpochMilli(),
          b.version(),
          b.salesFen(),
          b.orders(),
          b.exposure(),
          b.reads(),
          b.newViewers());
    }
    assertThat(a.size()).isEqualTo(buckets.size());
    return a.toBytes();
  }
}
