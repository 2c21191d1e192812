package org.live110.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.model.Topics;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.live110.simulator.Verifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo survives {@code kill -9}: started as a child JVM on a small simulated year, killed with
 * SIGKILL mid-stream, started again on the same data directory, it finishes the year, and then
 * every total of every scope and the dead-letter counts equal the simulator's ground truth exactly
 * (nothing lost, nothing counted twice). Finally SIGTERM stops it cleanly within 15 s. About two
 * minutes on two cores, so it runs in the reliability suite ({@code mvn -B verify -Preliability}).
 */
@Tag("reliability")
class DemoCrashRecoveryTest {

  private static final Logger LOG = LoggerFactory.getLogger(DemoCrashRecoveryTest.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOTAL = Pattern.compile("\\(([\\d,]+) total\\)");
  private static final long KILL_AFTER_RECORDS = 1_500;
  private static final String ADMIN_TOKEN = "crash-test-token";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path work;

  @Test
  void killedDemoResumesOnSameDataAndEndsWithExactTotals() throws Exception {
    Path data = work.resolve("data");
    Path truthFile = work.resolve("truth.json");
    int kafkaPort = freePort();
    int dashboardPort = freePort();
    URI dashboard = URI.create("http://localhost:" + dashboardPort);
    List<String> command =
        demoCommand(
            List.of(
                "demo",
                "--data-dir",
                data.toString(),
                "--kafka-port",
                Integer.toString(kafkaPort),
                "--dashboard-port",
                Integer.toString(dashboardPort),
                "--admin-token",
                ADMIN_TOKEN,
                "--flink-ui-port",
                Integer.toString(freePort()),
                "--seed",
                "7",
                "--events",
                "5000",
                "--speedup",
                "1000000",
                "--truth",
                truthFile.toString(),
                "--checkpoint-interval",
                "1s",
                "--status-interval",
                "1s"));

    long t0 = System.nanoTime();
    try (ChildJvm first = ChildJvm.start("demo-1", work, command)) {
      first.awaitLine("(110 Live demo is running)", Duration.ofSeconds(90));
      LOG.info("Demo up in {} ms", ms(t0));
      Awaitility.await("the simulator to be mid-year")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> lastTotal(first) >= KILL_AFTER_RECORDS);
      assertThat(Files.exists(truthFile)).as("the year must not be over yet").isFalse();
      // the admin endpoint stops and restarts the simulator; the year continues where it stopped
      assertThat(admin(dashboard, "stop")).contains("\"running\":false");
      assertThat(admin(dashboard, "start")).contains("\"running\":true");
      first.kill();
      LOG.info("Demo killed with SIGKILL after {} input records", lastTotal(first));
    }

    long restartAt = System.nanoTime();
    try (ChildJvm second = ChildJvm.start("demo-2", work, command)) {
      second.awaitLine("(resumed from checkpoint chk-\\d+)", Duration.ofSeconds(90));
      LOG.info("Demo resumed in {} ms", ms(restartAt));
      Awaitility.await("the simulated year to finish")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .until(() -> Files.exists(truthFile) && Files.size(truthFile) > 0);
      JsonNode truth = JSON.readTree(truthFile.toFile());

      // what a tester runs: ./110live verify --truth truth.json, against the dashboard's API
      List<Verifier.Difference> diffs = new ArrayList<>();
      Awaitility.await("exact totals on the dashboard")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                diffs.clear();
                diffs.addAll(Verifier.compare(truth, Verifier.fetchProgress(HTTP, dashboard)));
                return diffs.isEmpty();
              });
      assertThat(diffs).isEmpty();
      try (ProgressFollower progress =
          new ProgressFollower("localhost:" + kafkaPort, Topics.DEFAULT.progress())) {
        Awaitility.await("the progress topic itself read back")
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () -> {
                  progress.poll();
                  return progress.differences(truth).isEmpty();
                });
      }
      LOG.info("Totals equal the ground truth {} ms after the restart", ms(restartAt));

      long stopAt = System.nanoTime();
      Optional<Integer> exit = second.terminate(Duration.ofSeconds(20));
      assertThat(exit).as("demo must stop on SIGTERM").isPresent();
      LOG.info("Demo stopped on SIGTERM in {} ms (exit {})", ms(stopAt), exit.get());
      assertThat(ms(stopAt)).isLessThan(15_000);
      assertThat(second.tail(200)).contains("Demo stopped in");
    }
  }

  private static String admin(URI dashboard, String action) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(dashboard.resolve("/api/admin/simulator/" + action))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.body();
  }

  /** The {@code java ... Main} command a user's {@code ./110live} would run, on this classpath. */
  static List<String> demoCommand(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(ChildJvm.javaBinary());
    command.add("-Xmx1g");
    command.addAll(ChildJvm.FLINK_JAVA_OPTS);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.addAll(args);
    return command;
  }

  private static long lastTotal(ChildJvm demo) {
    long last = -1;
    for (String line : demo.tail(50).split("\n")) {
      Matcher m = TOTAL.matcher(line);
      if (m.find()) {
        last = Long.parseLong(m.group(1).replace(",", ""));
      }
    }
    return last;
  }

  private static int freePort() throws java.io.IOException {
    try (var socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static long ms(long since) {
    return (System.nanoTime() - since) / 1_000_000;
  }

  /**
   * Follows the progress topic as the dashboard does (newest superseding snapshot per scope, the
   * newest dead-letter summary) and compares it with a truth file in the shape of {@code
   * /api/progress}.
   */
  static final class ProgressFollower implements AutoCloseable {
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, ScopeSnapshot> latest = new java.util.HashMap<>();
    private DeadLetterSummary deadLetters;

    ProgressFollower(String bootstrap, String topic) {
      Properties props = new Properties();
      props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
      props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
      consumer = new KafkaConsumer<>(props);
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }

    void poll() {
      for (int i = 0; i < 100; i++) {
        var records = consumer.poll(Duration.ofMillis(i == 0 ? 300 : 0));
        if (records.isEmpty()) {
          return;
        }
        for (ConsumerRecord<String, byte[]> r : records) {
          if ("deadletters".equals(r.key())) {
            DeadLetterSummary next = OutputJson.read(r.value(), DeadLetterSummary.class);
            if (deadLetters == null || next.version() > deadLetters.version()) {
              deadLetters = next;
            }
          } else if (r.key() != null) {
            ScopeSnapshot next = OutputJson.read(r.value(), ScopeSnapshot.class);
            ScopeSnapshot current = latest.get(r.key());
            if (current == null || next.supersedes(current)) {
              latest.put(r.key(), next);
            }
          }
        }
      }
    }

    List<String> differences(JsonNode truth) {
      List<String> diffs = new ArrayList<>();
      truth
          .path("scopes")
          .fields()
          .forEachRemaining(
              scope -> {
                ScopeSnapshot shown = latest.get(scope.getKey());
                scope
                    .getValue()
                    .path("totals")
                    .fields()
                    .forEachRemaining(
                        kpi -> {
                          long actual =
                              shown == null ? -1 : shown.totals().getOrDefault(kpi.getKey(), -1L);
                          if (actual != kpi.getValue().asLong()) {
                            diffs.add(
                                scope.getKey()
                                    + " "
                                    + kpi.getKey()
                                    + ": expected "
                                    + kpi.getValue().asLong()
                                    + ", shown "
                                    + actual);
                          }
                        });
              });
      long expectedDead = truth.path("deadLetters").path("total").asLong();
      long shownDead = deadLetters == null ? -1 : deadLetters.total();
      if (expectedDead != shownDead) {
        diffs.add("deadLetters total: expected " + expectedDead + ", shown " + shownDead);
      }
      truth
          .path("deadLetters")
          .path("byReason")
          .fields()
          .forEachRemaining(
              reason -> {
                long shown =
                    deadLetters == null
                        ? -1
                        : deadLetters.byReason().getOrDefault(reason.getKey(), 0L);
                if (shown != reason.getValue().asLong()) {
                  diffs.add(
                      "deadLetters "
                          + reason.getKey()
                          + ": expected "
                          + reason.getValue().asLong()
                          + ", shown "
                          + shown);
                }
              });
      return diffs;
    }

    @Override
    public void close() {
      consumer.close();
    }
  }
}
