package org.live110.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.jobs.testing.KafkaTestSupport;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.TrainingAttended;
import org.live110.model.event.TrainingMode;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.County;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A quick throughput figure (not a benchmark): N distinct events pre-loaded into the embedded
 * broker, then the Kafka-wired job on a MiniCluster until the {@code all} snapshot has counted them
 * all. Runs only when asked: {@code -Dthroughput.events=1000000}.
 */
@EnabledIfSystemProperty(named = "throughput.events", matches = "\\d+")
class KafkaThroughputTest {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaThroughputTest.class);
  private static final Instant START =
      ZonedDateTime.of(2019, 3, 1, 0, 0, 0, 0, CampaignCalendar.ZONE).toInstant();

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @TempDir Path dir;

  @Test
  void measuresEventsPerSecondThroughTheWholeGraph() throws Exception {
    long n = Long.getLong("throughput.events");
    try (EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir).port(0).build()).start()) {
      broker.createTopics(KafkaTestSupport.layout(Topics.DEFAULT));
      JobConfig config =
          JobConfig.builder().bootstrapServers(broker.bootstrapServers()).parallelism(2).build();
      List<County> counties = CampaignPlan.load(config).registry().counties();

      long produceStart = System.nanoTime();
      Random rnd = new Random(42);
      try (KafkaProducer<byte[], byte[]> producer =
          KafkaTestSupport.producer(broker.bootstrapServers())) {
        for (long i = 0; i < n; i++) {
          CampaignEvent e = event(i, rnd, counties);
          producer.send(
              new ProducerRecord<>(Topics.DEFAULT.inputFor(e.type()), EventWriter.toJson(e)));
        }
        producer.flush();
      }
      LOG.info("produced {} events in {} ms", n, (System.nanoTime() - produceStart) / 1_000_000);

      StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
      ProgressJob.buildKafkaPipeline(env, config);
      long submitted = System.nanoTime();
      JobClient job = env.executeAsync("throughput");
      long[] firstSeen = {0, 0}; // nanos, version
      long[] version = {0};
      try (KafkaConsumer<String, byte[]> reader =
          KafkaTestSupport.reader(broker.bootstrapServers(), Topics.DEFAULT.progress())) {
        await()
            .atMost(Duration.ofMinutes(10))
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> {
                  KafkaTestSupport.pollInto(
                      reader,
                      r -> {
                        if (r.key().equals("all")) {
                          ScopeSnapshot s = OutputJson.read(r.value(), ScopeSnapshot.class);
                          version[0] = Math.max(version[0], s.version());
                          if (firstSeen[0] == 0 && s.version() > 0) {
                            firstSeen[0] = System.nanoTime();
                            firstSeen[1] = s.version();
                          }
                        }
                      });
                  return version[0] == n;
                });
        long done = System.nanoTime();
        report(n, submitted, firstSeen, done);
        // Latency of one more event through an idle job: produce, then read its snapshot back.
        List<Long> latencies = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
            KafkaTestSupport.producer(broker.bootstrapServers())) {
          for (long i = n; i < n + 5; i++) {
            CampaignEvent e = event(i, rnd, counties);
            long sent = System.nanoTime();
            producer.send(
                new ProducerRecord<>(Topics.DEFAULT.inputFor(e.type()), EventWriter.toJson(e)));
            producer.flush();
            long target = i + 1;
            await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(5))
                .until(
                    () -> {
                      KafkaTestSupport.pollInto(
                          reader,
                          r -> {
                            if (r.key().equals("all")) {
                              ScopeSnapshot s = OutputJson.read(r.value(), ScopeSnapshot.class);
                              version[0] = Math.max(version[0], s.version());
                            }
                          });
                      return version[0] >= target;
                    });
            latencies.add((System.nanoTime() - sent) / 1_000_000);
          }
        }
        LOG.info("LATENCY event in -> 'all' snapshot read back, ms: {}", latencies);
      } finally {
        job.cancel().get();
      }
      assertThat(version[0]).isEqualTo(n + 5);
    }
  }

  private static void report(long n, long submitted, long[] firstSeen, long done) {
    double total = (done - submitted) / 1e9;
    double steady = (done - firstSeen[0]) / 1e9;
    LOG.info(
        "THROUGHPUT {} events: {} s from submission ({} events/s); {} events/s after the first"
            + " snapshot",
        n,
        String.format("%.1f", total),
        Math.round(n / total),
        Math.round((n - firstSeen[1]) / steady));
  }

  /** Distinct, always-counted events in roughly increasing time over the year. */
  private static CampaignEvent event(long i, Random rnd, List<County> counties) {
    String county = counties.get(rnd.nextInt(counties.size())).code();
    Instant t = START.plusMillis(i * 10 + rnd.nextInt(2000));
    String id = "tp-" + i;
    int kind = rnd.nextInt(100);
    if (kind < 60) {
      return new ContentExposure(
          id, t, county, "c-" + (i % 5000), AuthorKind.TRAINEE, "douyin", 100, 10);
    } else if (kind < 85) {
      return new OrderPaid(
          id, t, county, "o-" + i, "s-1", "p-1", 1, 1000, SalesChannel.STORE, null);
    }
    return new TrainingAttended(id, t, county, "tr-" + i, "c-1", TrainingMode.ONLINE);
  }
}
