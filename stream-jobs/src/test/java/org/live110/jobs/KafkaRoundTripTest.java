package org.live110.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.jobs.io.RetentionCheck;
import org.live110.jobs.testing.CampaignScenario;
import org.live110.jobs.testing.ExpectedScope;
import org.live110.jobs.testing.KafkaTestSupport;
import org.live110.jobs.testing.RawRecord;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.kafka.TopicSpec;
import org.live110.model.Kpi;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.ContentExposure;
import org.live110.model.output.DeadLetterHeaders;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;

/**
 * The Kafka-wired job ({@link ProgressJob#buildKafkaPipeline}) against a real embedded KRaft
 * broker: contract JSON in on the four input topics, absolute progress snapshots and dead letters
 * out, read back with a plain consumer and checked figure by figure.
 */
class KafkaRoundTripTest {
  private static final int MAX_BYTES = 2048;

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;
  private EmbeddedKafkaBroker broker;

  @BeforeEach
  void startBroker() {
    broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir).port(0).build()).start();
    broker.createTopics(KafkaTestSupport.layout(Topics.DEFAULT));
  }

  @AfterEach
  void stopBroker() {
    broker.close();
  }

  @Test
  void contractJsonInExactProgressSnapshotsAndDeadLettersOut() throws Exception {
    JobConfig config = jobConfig().maxRecordBytes(MAX_BYTES).build();
    CampaignPlan plan = CampaignPlan.load(config);
    CampaignScenario scenario = CampaignScenario.generate(7L, 400, plan.registry(), MAX_BYTES);
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestSupport.producer(broker.bootstrapServers())) {
      for (RawRecord r : scenario.records) {
        producer.send(new ProducerRecord<>(r.topic(), r.partition(), null, r.value()));
      }
      producer.flush();
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.buildKafkaPipeline(env, config);
    JobClient job = env.executeAsync("kafka round trip");
    Map<String, ScopeSnapshot> progress = new HashMap<>();
    Map<String, DeadLetterSummary> summary = new HashMap<>();
    Set<String> deadLetters = new HashSet<>();
    ExpectedScope all = scenario.scope("all");
    try (KafkaConsumer<String, byte[]> reader =
        KafkaTestSupport.reader(
            broker.bootstrapServers(), Topics.DEFAULT.progress(), Topics.DEFAULT.deadLetter())) {
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                KafkaTestSupport.pollInto(reader, r -> collect(r, progress, summary, deadLetters));
                ScopeSnapshot s = progress.get("all");
                DeadLetterSummary d = summary.get(DeadLetterSummary.KEY);
                return s != null
                    && s.version() == all.version
                    && d != null
                    && d.total() == scenario.deadLetterCoordinates.size()
                    && deadLetters.size() == scenario.deadLetterCoordinates.size();
              });
    } finally {
      job.cancel().get();
    }

    assertThat(progress).hasSize(3 + plan.registry().size());
    for (String scope : plan.targets().scopes()) {
      ExpectedScope e = scenario.scope(scope);
      ScopeSnapshot s = progress.get(scope);
      assertThat(s.totals()).as(scope).isEqualTo(e.totals());
      assertThat(s.grossSalesFen()).as(scope).isEqualTo(e.gross);
      assertThat(s.refundedFen()).as(scope).isEqualTo(e.refunded);
      assertThat(s.livestreamSalesFen()).as(scope).isEqualTo(e.livestream);
      assertThat(s.duplicates()).as(scope).isEqualTo(e.duplicates);
      assertThat(s.version()).as(scope).isEqualTo(e.version);
    }
    assertThat(summary.get(DeadLetterSummary.KEY).byReason())
        .isEqualTo(scenario.deadLettersByReason);
    assertThat(deadLetters).isEqualTo(scenario.deadLetterCoordinates);
  }

  /**
   * The job reads the four input topics with one source; a topic (here three of them) that gets no
   * records must not hold the campaign clock back: its partitions go idle and the clock follows the
   * topics that move.
   */
  @Test
  void quietInputTopicsDoNotHoldBackTheCampaignClock() throws Exception {
    Duration outOfOrderness = Duration.ofSeconds(5);
    JobConfig config =
        jobConfig().outOfOrderness(outOfOrderness).idleness(Duration.ofSeconds(1)).build();
    String county = CampaignPlan.load(config).registry().counties().get(0).code();
    Instant first = ZonedDateTime.of(2019, 3, 1, 12, 0, 0, 0, CampaignCalendar.ZONE).toInstant();
    int days = 20;
    Instant last = first.plus(Duration.ofDays(days - 1));
    try (KafkaProducer<byte[], byte[]> producer =
        KafkaTestSupport.producer(broker.bootstrapServers())) {
      for (int d = 0; d < days; d++) {
        // Both partitions of the exposure topic move; programme, livestream and orders stay empty.
        for (int partition = 0; partition < 2; partition++) {
          ContentExposure e =
              new ContentExposure(
                  "quiet-" + d + "-" + partition,
                  first.plus(Duration.ofDays(d)),
                  county,
                  "c-" + d,
                  AuthorKind.TRAINEE,
                  "douyin",
                  100,
                  10);
          producer.send(
              new ProducerRecord<>(
                  Topics.DEFAULT.exposure(), partition, null, EventWriter.toJson(e)));
        }
      }
      producer.flush();
    }

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.buildKafkaPipeline(env, config);
    JobClient job = env.executeAsync("quiet topics");
    Map<String, ScopeSnapshot> progress = new HashMap<>();
    Map<String, DeadLetterSummary> summary = new HashMap<>();
    Set<String> deadLetters = new HashSet<>();
    try (KafkaConsumer<String, byte[]> reader =
        KafkaTestSupport.reader(broker.bootstrapServers(), Topics.DEFAULT.progress())) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                KafkaTestSupport.pollInto(reader, r -> collect(r, progress, summary, deadLetters));
                ScopeSnapshot s = progress.get("all");
                return s != null
                    && s.version() == 2L * days
                    && s.asOf() != null
                    && !s.asOf().isBefore(last.minus(outOfOrderness).minusMillis(1));
              });
    } finally {
      job.cancel().get();
    }
    assertThat(progress.get("all").total(Kpi.EXPOSURE)).isEqualTo(2L * days * 100);
  }

  @Test
  void theStartUpCheckNamesEventTopicsThatWouldLoseRecordsToRetention() {
    broker.createTopics(List.of(new TopicSpec("plain.events", 1, Map.of())));

    // (bounded retry: a just-created topic may not be described by every broker thread yet)
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        RetentionCheck.riskyTopics(
                            broker.bootstrapServers(),
                            List.of(Topics.DEFAULT.orders(), "plain.events")))
                    .containsExactly("plain.events"));
    assertThat(RetentionCheck.riskyTopics(broker.bootstrapServers(), Topics.DEFAULT.inputs()))
        .isEmpty();
  }

  /** The job on the test broker, as both tests run it: parallelism 2, checkpoints every 0.5 s. */
  private JobConfig.Builder jobConfig() {
    return JobConfig.builder()
        .bootstrapServers(broker.bootstrapServers())
        .parallelism(2)
        .checkpointInterval(Duration.ofMillis(500));
  }

  /** Keeps the superseding snapshot per scope, the summary, and each dead letter's origin. */
  private static void collect(
      ConsumerRecord<String, byte[]> r,
      Map<String, ScopeSnapshot> progress,
      Map<String, DeadLetterSummary> summary,
      Set<String> deadLetters) {
    if (r.topic().equals(Topics.DEFAULT.deadLetter())) {
      deadLetters.add(
          header(r, DeadLetterHeaders.TOPIC)
              + "/"
              + header(r, DeadLetterHeaders.PARTITION)
              + "/"
              + header(r, DeadLetterHeaders.OFFSET)
              + "/"
              + header(r, DeadLetterHeaders.REASON));
      if ("true".equals(header(r, DeadLetterHeaders.TRUNCATED))) {
        assertThat(r.value()).hasSize(MAX_BYTES);
        assertThat(Integer.parseInt(header(r, DeadLetterHeaders.SIZE))).isGreaterThan(MAX_BYTES);
      }
    } else if (r.key().equals(DeadLetterSummary.KEY)) {
      DeadLetterSummary s = OutputJson.read(r.value(), DeadLetterSummary.class);
      if (s.supersedes(summary.get(r.key()))) {
        summary.put(r.key(), s);
      }
    } else {
      ScopeSnapshot s = OutputJson.read(r.value(), ScopeSnapshot.class);
      if (s.supersedes(progress.get(r.key()))) {
        progress.put(r.key(), s);
      }
    }
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
