package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.live110.dashboard.Fixtures.CORE_COUNTY;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.kafka.TopicSpec;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;

/**
 * The real {@link DashboardServer} with its Kafka follower against an embedded broker: it rebuilds
 * the view from the compacted topics, ignores superseded and unreadable records, and a restarted
 * dashboard shows the same figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardServerKafkaTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Topics TOPICS = Topics.DEFAULT;

  private EmbeddedKafkaBroker broker;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void startBroker(@TempDir Path kafkaDir) {
    broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(kafkaDir).port(0).build()).start();
    broker.createTopics(
        List.of(
            TopicSpec.compacted(TOPICS.progress(), 2),
            TopicSpec.deleteAfter(TOPICS.series(), 2, Duration.ofDays(2)),
            TopicSpec.compacted(TOPICS.sessions(), 2)));
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  private DashboardServer startDashboard() {
    return DashboardServer.start(
        DashboardConfig.builder().port(0).bootstrapServers(broker.bootstrapServers()).build(),
        Fixtures.REGISTRY,
        Fixtures.TARGETS,
        Fixtures.CALENDAR,
        SimulatorControl.unavailable(),
        Clock.systemUTC());
  }

  @Test
  void rebuildsTheViewFromTheTopicsAndShowsTheSameFiguresAfterARestart() throws Exception {
    String county = Scopes.county(CORE_COUNTY);
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, TOPICS.progress(), Scopes.ALL, snapshot(Scopes.ALL, 5, 50));
      send(producer, TOPICS.progress(), county, snapshot(county, 8, 80));
      // Re-sent older state after a job failure: must not win.
      send(producer, TOPICS.progress(), county, snapshot(county, 6, 60));
      send(
          producer,
          TOPICS.progress(),
          "deadletters",
          new DeadLetterSummary(3, 3, Map.of("too_large", 3L), EMITTED));
      producer.send(
          record(TOPICS.progress(), "tier:core", "{not json".getBytes(StandardCharsets.UTF_8)));
      MinuteBucket b =
          new MinuteBucket(Scopes.ALL, Instant.parse("2019-06-18T12:00:00Z"), 2, 900, 3, 4, 5, 6);
      send(producer, TOPICS.series(), b.key(), b); // one bucket per record: older jobs
      // This job's records: a scope's changed minutes in one array; a null in it is counted.
      MinuteBucket c1 =
          new MinuteBucket(county, Instant.parse("2019-06-18T12:00:00Z"), 1, 100, 1, 0, 0, 0);
      MinuteBucket c2 =
          new MinuteBucket(county, Instant.parse("2019-06-18T12:01:00Z"), 1, 200, 1, 0, 0, 0);
      byte[] batch = OutputJson.writeBuckets(List.of(c1, c2));
      producer.send(record(TOPICS.series(), county, batch));
      producer.send(record(TOPICS.series(), county, "[null]".getBytes(StandardCharsets.UTF_8)));
      LiveSession s = Fixtures.session("sess-1", LiveSession.LIVE, 4, "今晚直播");
      send(producer, TOPICS.sessions(), s.sessionId(), s);
      producer.flush();
    }

    String firstProgress;
    try (DashboardServer first = startDashboard()) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !first.view().replaying()
                      && first.view().series(Scopes.ALL, 10).size() == 1
                      && first.view().series(county, 10).size() == 2
                      && first.view().session("sess-1").isPresent());
      JsonNode p = json(first, "/api/progress");
      assertThat(p.at("/scopes/all/totals/orders").asLong()).isEqualTo(50);
      assertThat(p.at("/scopes/county:622921/version").asLong()).isEqualTo(8);
      assertThat(p.at("/scopes/county:622921/totals/orders").asLong()).isEqualTo(80);
      assertThat(p.at("/deadLetters/byReason/too_large").asLong()).isEqualTo(3);
      assertThat(json(first, "/api/series?scope=all").at("/points/0/salesFen").asLong())
          .isEqualTo(900);
      assertThat(json(first, "/api/sessions").at("/sessions/0/title").asText()).isEqualTo("今晚直播");
      assertThat(json(first, "/api/series?scope=" + county).at("/points/1/salesFen").asLong())
          .isEqualTo(200);
      assertThat(first.view().badRecords()).containsEntry("progress_malformed", 1L);
      assertThat(first.view().badRecords()).containsEntry("series_incomplete", 1L);
      assertThat(get(first, "/metrics"))
          .contains("dashboard_bad_records_total{reason=\"progress_malformed\"} 1.0");
      assertThat(get(first, "/metrics")).contains("dashboard_consumer_lag 0.0");
      firstProgress = scopesOf(p);

      // Following: a newer snapshot shows up.
      try (KafkaProducer<byte[], byte[]> producer = producer()) {
        send(producer, TOPICS.progress(), Scopes.ALL, snapshot(Scopes.ALL, 9, 90));
        producer.flush();
      }
      await()
          .atMost(WAIT)
          .until(() -> json(first, "/api/progress").at("/scopes/all/version").asLong() == 9);
      firstProgress = scopesOf(json(first, "/api/progress"));
    }

    try (DashboardServer second = startDashboard()) {
      await().atMost(WAIT).until(() -> !second.view().replaying());
      assertThat(scopesOf(json(second, "/api/progress"))).isEqualTo(firstProgress);
    }
  }

  @Test
  void aPortInUseIsOneClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      DashboardConfig config =
          DashboardConfig.builder()
              .port(taken.getLocalPort())
              .bootstrapServers(broker.bootstrapServers())
              .build();
      assertThatThrownBy(
              () ->
                  DashboardServer.start(
                      config,
                      Fixtures.REGISTRY,
                      Fixtures.TARGETS,
                      Fixtures.CALENDAR,
                      SimulatorControl.unavailable()))
          .isInstanceOf(DashboardStartException.class)
          .hasMessage(
              "dashboard port "
                  + taken.getLocalPort()
                  + " is already in use; choose another with --port (or stop what holds it)");
    }
  }

  @Test
  void anUnreachableKafkaIsOneClearErrorWithinTheCheckBound() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort(); // nothing listens there once closed: nothing can answer
    }
    String address = "127.0.0.1:" + closed;
    DashboardConfig config = DashboardConfig.builder().port(0).bootstrapServers(address).build();
    long t0 = System.nanoTime();
    assertThatThrownBy(
            () ->
                DashboardServer.start(
                    config,
                    Fixtures.REGISTRY,
                    Fixtures.TARGETS,
                    Fixtures.CALENDAR,
                    SimulatorControl.unavailable()))
        .isInstanceOf(DashboardStartException.class)
        .hasMessage(
            "Kafka at "
                + address
                + " is not reachable: no answer within 10 s;"
                + " check --bootstrap-servers and that the broker is running");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
  }

  private static String scopesOf(JsonNode progress) {
    return progress.get("scopes").toString()
        + progress.get("deadLetters").toString()
        + progress.get("asOf");
  }

  private KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }

  private static void send(
      KafkaProducer<byte[], byte[]> p, String topic, String key, Object value) {
    p.send(record(topic, key, OutputJson.write(value)));
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, byte[] value) {
    return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
  }

  private String get(DashboardServer d, String path) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(d.url() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return r.body();
  }

  private JsonNode json(DashboardServer d, String path) throws Exception {
    return TestDashboard.MAPPER.readTree(get(d, path));
  }
}
