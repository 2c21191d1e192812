package org.live110.model.output;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputJsonTest {
  private static byte[] viaBean(Object record) {
    try {
      return OutputJson.mapper().writeValueAsBytes(record);
    } catch (Exception e) {
      throw new AssertionError(e);
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
  }
}
