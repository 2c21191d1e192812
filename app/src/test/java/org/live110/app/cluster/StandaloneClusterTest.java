package org.live110.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.app.ChildJvm;
import org.live110.app.EventBatch;
import org.live110.app.ProgressReader;
import org.live110.app.flink.FlinkRestClient;
import org.live110.model.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream job's jar, unchanged, on a Flink standalone session cluster of separate JVMs (a
 * JobManager, a TaskManager) against a Kafka broker in its own JVM: submitted through Flink's REST
 * API, fed events, checked on the progress topic; then the TaskManager JVM is killed with SIGKILL
 * mid-stream and a new one started, and every total must still be exact.
 *
 * <p>The Flink JVMs get only Flink's own runtime jars (and their dependencies) from the local Maven
 * repository: the job's code, the Kafka connector and the Kafka client come from the job jar, as on
 * a real cluster. Run with {@code mvn -B verify -Pcluster}.
 */
@Tag("cluster")
class StandaloneClusterTest {

  private static final Logger LOG = LoggerFactory.getLogger(StandaloneClusterTest.class);
  private static final long SEED = 20190618L;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CONVERGE_TIMEOUT = Duration.ofSeconds(120);

  /** Paths in the local repository that a Flink distribution's lib/ would not hold. */
  private static final List<String> NOT_FLINK_RUNTIME =
      List.of(
          "/org/live110/",
          "/org/apache/kafka/",
          "/org/apache/flink/flink-connector-kafka/",
          "/org/apache/flink/flink-connector-base/",
          "/org/apache/flink/flink-test-utils",
          "/org/apache/flink/flink-table",
          "/io/javalin/",
          "/org/eclipse/jetty/",
          "/org/scala-lang/",
          "/org/junit/",
          "/org/assertj/",
          "/org/awaitility/",
          "/org/seleniumhq/",
          "/info/picocli/");

  @TempDir Path work;

  @Test
  void jobJarOnStandaloneClusterKeepsExactTotalsWhenTaskManagerIsKilledMidStream()
      throws Exception {
    Path jobJar = jobJar();
    String flinkClasspath = flinkRuntimeClasspath();
    Topics topics = Topics.DEFAULT;

    long t0 = System.nanoTime();
    try (ChildJvm broker =
            ChildJvm.start(
                "broker",
                work,
                List.of("-Xmx512m"),
                System.getProperty("java.class.path"),
                BrokerMain.class.getName(),
                List.of(work.resolve("kafka").toString()));
        StandaloneFlink flink =
            new StandaloneFlink(
                work.resolve("flink"),
                flinkClasspath,
                Map.of("restart-strategy.type", "fixed-delay"))) {
      String bootstrap = broker.awaitLine("BOOTSTRAP (\\S+)", START_TIMEOUT);
      LOG.info("Broker JVM up at {} in {} ms", bootstrap, ms(t0));

      long jmAt = System.nanoTime();
      flink.startJobManager(START_TIMEOUT);
      LOG.info("JobManager REST up in {} ms", ms(jmAt));
      long tmAt = System.nanoTime();
      ChildJvm taskManager = flink.startTaskManager("taskmanager-1", 1, START_TIMEOUT);
      LOG.info("TaskManager registered in {} ms", ms(tmAt));

      FlinkRestClient rest = flink.rest();
      String jarId = rest.uploadJar(jobJar);
      String jobId =
          rest.runJar(
              jarId,
              Optional.of("org.live110.jobs.ProgressJob"),
              List.of(
                  "--bootstrap-servers", bootstrap,
                  "--parallelism", "2",
                  "--checkpoint-interval", "PT1S",
                  "--idleness", "PT1S"),
              2);
      Awaitility.await("all tasks running")
          .atMost(START_TIMEOUT)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> rest.allTasksRunning(jobId));
      LOG.info("Job {} running {} ms after start", jobId, ms(t0));

      EventBatch first = EventBatch.generate(SEED, 0, 2_000, topics);
      EventBatch second = EventBatch.generate(SEED, 2_000, 4_000, topics);
      EventBatch third = EventBatch.generate(SEED, 6_000, 2_000, topics);

      try (KafkaProducer<String, byte[]> producer = producer(bootstrap);
          ProgressReader progress = new ProgressReader(bootstrap, topics.progress())) {
        send(producer, first.records());
        awaitExact(progress, EventBatch.combined(List.of(first)), "first batch");
        long checkpointsBefore = rest.completedCheckpoints(jobId);
        Awaitility.await("a checkpoint after the first batch")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> rest.completedCheckpoints(jobId) > checkpointsBefore);

        // kill the TaskManager while the second batch is being produced and processed
        List<EventBatch.Record> records = second.records();
        int half = records.size() / 2;
        send(producer, records.subList(0, half));
        taskManager.kill();
        long killedAt = System.nanoTime();
        LOG.info("TaskManager killed (SIGKILL) mid-stream");
        send(producer, records.subList(half, records.size()));

        flink.startTaskManager("taskmanager-2", 1, START_TIMEOUT);
        LOG.info("New TaskManager registered {} ms after the kill", ms(killedAt));
        Awaitility.await("job running again after the kill")
            .atMost(CONVERGE_TIMEOUT)
            .pollInterval(Duration.ofMillis(250))
            .until(() -> rest.allTasksRunning(jobId));
        LOG.info("Job recovered (all tasks running) {} ms after the kill", ms(killedAt));

        send(producer, third.records());
        awaitExact(progress, EventBatch.combined(List.of(first, second, third)), "all batches");
        LOG.info("Totals exact again {} ms after the kill", ms(killedAt));
      }
      assertThat(rest.jobState(jobId)).isEqualTo("RUNNING");
      rest.cancel(jobId);
    }
  }

  private static void awaitExact(
      ProgressReader progress, Map<String, Map<String, Long>> expected, String what) {
    List<String> last = new ArrayList<>();
    Awaitility.await("exact totals after " + what)
        .atMost(CONVERGE_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .conditionEvaluationListener(c -> {})
        .until(
            () -> {
              List<String> diffs = progress.differences(expected);
              last.clear();
              last.addAll(diffs);
              return diffs.isEmpty();
            });
    assertThat(last).isEmpty();
  }

  private static void send(KafkaProducer<String, byte[]> producer, List<EventBatch.Record> records)
      throws Exception {
    for (EventBatch.Record r : records) {
      producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()));
    }
    producer.flush();
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return new KafkaProducer<>(props);
  }

  /**
   * The job jar the stream-jobs module builds ({@code -Dlive110.jobJar=...} overrides): in a
   * reactor build it is packaged before this module's tests run.
   */
  static Path jobJar() throws IOException {
    String override = System.getProperty("live110.jobJar");
    if (override != null && !override.isBlank()) {
      return Path.of(override);
    }
    Path target = Path.of("..", "stream-jobs", "target").toAbsolutePath().normalize();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(p -> p.getFileName().toString().matches("stream-jobs-.*-job\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no stream-jobs-*-job.jar in " + target));
    } catch (IOException e) {
      throw new IllegalStateException(
          "build stream-jobs first (mvn -pl stream-jobs package): " + target + ": " + e, e);
    }
  }

  /** This test's classpath restricted to Flink's runtime and its dependencies. */
  static String flinkRuntimeClasspath() {
    String repository = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    String localRepo = System.getProperty("maven.repo.local", repository);
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String normalized = entry.replace(File.separatorChar, '/');
      boolean inRepository = entry.startsWith(localRepo) || normalized.contains("/.m2/repository/");
      if (inRepository && NOT_FLINK_RUNTIME.stream().noneMatch(normalized::contains)) {
        entries.add(entry);
      }
    }
    assertThat(entries).anyMatch(e -> e.contains("flink-runtime-2"));
    assertThat(entries).anyMatch(e -> e.contains("flink-rpc-akka-loader"));
    assertThat(entries).anyMatch(e -> e.contains("flink-runtime-web"));
    return String.join(File.pathSeparator, entries);
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }
}
