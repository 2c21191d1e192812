package org.live110.reliability.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.jobs.JobConfig;
import org.live110.model.Topics;
import org.live110.model.output.DeadLetterHeaders;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.CampaignBroker;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.FlinkRest;
import org.live110.reliability.support.JobRun;
import org.live110.reliability.support.MiniClusters;
import org.live110.reliability.support.ProgressTopic;
import org.live110.reliability.support.RecordingSink;
import org.live110.reliability.support.SimulatorRun;
import org.live110.simulator.FaultRates;
import org.live110.simulator.SimulationOptions;

/**
 * Poison pills (RELIABILITY.md §5): a year with 1% bad records of every reject reason (the
 * simulator's, its too-large one ~900 KB) plus the test's own pills — a Kafka record without value,
 * empty bytes, JSON {@code null}, a number, a string, arrays, JSON nested 100,000 deep, non-UTF-8
 * bytes, a NUL byte, a 900 KB valid-looking event, JSON with trailing garbage. Invariants: zero job
 * restarts; every bad record in the dead-letter topic exactly once, with the parser's reason, its
 * source topic, its original bytes (cut to the parser's limit, {@code dl.truncated} and {@code
 * dl.size} when larger); the dead-letter summary and every total equal the truth.
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PoisonPillsTest {
  private static final long SEED = 5_2019L;
  private static final long EVENTS = 20_000;
  private static final int EACH_OWN_PILL = 5;

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

  @TempDir Path dir;

  /** The test's own pills, beyond the simulator's: name → bytes (null = no value at all). */
  static Map<String, byte[]> ownPills() {
    Map<String, byte[]> p = new TreeMap<>();
    p.put("kafka-null-value", null);
    p.put("empty", new byte[0]);
    p.put("json-null", utf8("null"));
    p.put("json-number", utf8("42"));
    p.put("json-string", utf8("\"order_paid\""));
    p.put("json-array", utf8("[{\"eventId\":\"a\",\"type\":\"order_paid\"}]"));
    p.put("json-empty-object", utf8("{}"));
    p.put("nested-100k", utf8("[".repeat(100_000) + "]".repeat(100_000)));
    p.put("nested-objects-5k", utf8("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
    p.put(
        "non-utf8", new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    p.put("nul-byte", utf8("{\"eventId\":\"x\u0000\",\"type\":\"order_paid\"}"));
    p.put("trailing-garbage", utf8("{\"eventId\":\"x\"} {\"eventId\":\"y\"}"));
    byte[] huge = new byte[900 * 1024];
    Arrays.fill(huge, (byte) 'a');
    byte[] head = utf8("{\"eventId\":\"big\",\"type\":\"content_published\",\"title\":\"");
    System.arraycopy(head, 0, huge, 0, head.length);
    huge[huge.length - 2] = '"';
    huge[huge.length - 1] = '}';
    p.put("valid-looking-900KB", huge);
    return p;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void everyBadRecordIsDeadLetteredOnceWithItsReasonAndTotalsAreUnaffected(
      @InjectClusterClient ClusterClient<?> flinkClient) throws Exception {
    Figures figures = new Figures("poison-pills");
    SimulationOptions year =
        Campaign.year(SEED, EVENTS, FaultRates.NONE.withBad(0.01).withTooLargeBytes(900 * 1024));
    CampaignBroker broker = new CampaignBroker(dir.resolve("kafka")).start();
    RecordingSink sink = Campaign.sinkInto(broker.bootstrapServers(), year);
    JobConfig config = JobRun.config(broker.bootstrapServers(), "poison").build();
    JobRun job = null;
    ProgressTopic reader = null;
    try {
      job = JobRun.start(config, null);
      SimulatorRun sim = SimulatorRun.start(year, Double.POSITIVE_INFINITY, sink);
      // The own pills go to every input topic, interleaved with the year.
      Random random = new Random(SEED);
      List<String> inputs = Topics.DEFAULT.inputs();
      for (int i = 0; i < EACH_OWN_PILL; i++) {
        for (Map.Entry<String, byte[]> pill : ownPills().entrySet()) {
          sink.sendRaw(inputs.get(random.nextInt(inputs.size())), null, pill.getValue());
        }
      }
      figures.put("yearRecords", sim.await(180).records());
      sink.flush();
      figures
          .put("badRecordsSent", sink.badRecords().size())
          .put("ownPillKinds", ownPills().keySet())
          .put("badByReasonSent", sink.truth().deadLetters());

      reader = new ProgressTopic(broker.bootstrapServers(), Topics.DEFAULT.progress());
      List<String> differences = JobChecks.awaitTruth(sink, reader, figures);

      Map<String, Integer> expected = new HashMap<>();
      for (RecordingSink.BadRecord b : sink.badRecords()) {
        expected.merge(
            deadLetterKey(b.topic(), b.value(), config.maxRecordBytes(), b.reason()),
            1,
            Integer::sum);
      }
      Map<String, Integer> actual =
          readDeadLetters(
              broker.bootstrapServers(),
              expected.values().stream().mapToInt(Integer::intValue).sum(),
              config.maxRecordBytes());
      long restarts = new FlinkRest(flinkClient.getWebInterfaceURL()).restarts(job.jobId());
      figures
          .put("deadLettersRead", actual.values().stream().mapToInt(Integer::intValue).sum())
          .put("jobRestarts", restarts);

      assertThat(restarts).as("job restarts").isZero();
      assertThat(differences).as("totals and dead letters by reason vs truth").isEmpty();
      List<String> mismatches = new ArrayList<>();
      Set<String> keys = new TreeSet<>(expected.keySet());
      keys.addAll(actual.keySet());
      for (String k : keys) {
        int want = expected.getOrDefault(k, 0);
        int got = actual.getOrDefault(k, 0);
        if (want != got) {
          mismatches.add(k + ": sent " + want + ", dead-lettered " + got);
        }
      }
      figures.put("deadLetterMismatches", mismatches);
      assertThat(mismatches)
          .as("dead letters (topic|sha|reason|size|truncated) vs bad records sent")
          .isEmpty();
    } finally {
      figures.write();
      Campaign.closeQuietly(reader);
      Campaign.closeQuietly(job);
      Campaign.closeQuietly(sink);
      Campaign.closeQuietly(broker);
    }
  }

  /**
   * topic | sha-256 of the (cut) bytes | reason | size | truncated — what identifies a dead letter.
   */
  private static String deadLetterKey(String topic, byte[] value, int maxBytes, String reason) {
    // A record without a value is reported with size -1 (not 0, which is an empty value).
    int size = value == null ? -1 : value.length;
    byte[] kept = value == null ? new byte[0] : Arrays.copyOf(value, Math.min(size, maxBytes));
    return topic + "|" + sha(kept) + "|" + reason + "|" + size + "|" + (size > maxBytes);
  }

  private static String sha(byte[] b) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(b))
          .substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads the dead-letter topic until {@code expected} records (or a bounded time) are read. */
  private static Map<String, Integer> readDeadLetters(
      String bootstrap, int expected, int maxBytes) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 << 20);
    Map<String, Integer> out = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(Topics.DEFAULT.deadLetter(), 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      int read = 0;
      Instant deadline = Instant.now().plusSeconds(60);
      List<String> bad = new ArrayList<>();
      // Read past the expected count for a while too: an extra (duplicate) dead letter must show.
      Instant quiet = null;
      while (Instant.now().isBefore(deadline)) {
        int n = 0;
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(300))) {
          n++;
          read++;
          String topic = header(r, DeadLetterHeaders.TOPIC);
          String reason = header(r, DeadLetterHeaders.REASON);
          int size = Integer.parseInt(header(r, DeadLetterHeaders.SIZE));
          boolean truncated = Boolean.parseBoolean(header(r, DeadLetterHeaders.TRUNCATED));
          byte[] v = r.value() == null ? new byte[0] : r.value();
          if (v.length > maxBytes) {
            bad.add("dead letter larger than the limit: " + v.length);
          }
          out.merge(
              topic + "|" + sha(v) + "|" + reason + "|" + size + "|" + truncated, 1, Integer::sum);
        }
        if (read >= expected && n == 0) {
          quiet = quiet == null ? Instant.now() : quiet;
          if (Duration.between(quiet, Instant.now()).toMillis() > 2000) {
            break;
          }
        } else {
          quiet = null;
        }
      }
      assertThat(bad).isEmpty();
    }
    return out;
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
