package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.live110.dashboard.Fixtures.CORE_COUNTY;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.bucket;
import static org.live110.dashboard.Fixtures.session;
import static org.live110.dashboard.Fixtures.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.live110.model.Scopes;
import org.live110.model.output.LiveSession;

/** {@code GET /api/stream} over real sockets: frames, coalescing, caps and released clients. */
class SseStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant MINUTE = Instant.parse("2019-06-18T12:00:00Z");
  private static final String HOSTILE_TITLE =
      "evil\n\ndata: {\"x\":1}\r\n\n<img src=x onerror=alert(1)>";

  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(EMITTED);
  private final List<AutoCloseable> open = new ArrayList<>();

  private TestDashboard start(DashboardConfig.Builder config) {
    TestDashboard d = new TestDashboard(config.port(0).build(), clock);
    open.add(d);
    return d;
  }

  private SseTestClient connect(TestDashboard d) throws Exception {
    SseTestClient c = new SseTestClient(d.port());
    open.add(0, c);
    return c;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  @Test
  void aClientGetsTheSnapshotThenOnlyTheChangedScopes() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().coalesceInterval(Duration.ofMillis(50)));
    SseTestClient earlier = connect(d);
    earlier.next("snapshot", WAIT);
    d.view.apply(snapshot(Scopes.ALL, 1, 10));
    d.view.apply(session("live-1", LiveSession.LIVE, 1, "t"));
    d.view.apply(bucket(Scopes.ALL, MINUTE, 1, 500));
    // Once an earlier client has had these changes, they are no longer pending.
    earlier.next("series", WAIT);
    SseTestClient c = connect(d);

    SseTestClient.Event first = c.next(e -> true, WAIT);
    assertThat(first.event()).isEqualTo("snapshot");
    assertThat(first.lines()).first().isEqualTo("retry: 3000");
    assertThat(c.status).isEqualTo(200);
    assertThat(c.headers).contains("Content-Type: text/event-stream;charset=utf-8");
    JsonNode snap = first.json();
    assertThat(snap.get("asOf").asText()).isEqualTo("2019-06-18T20:05:00+08:00");
    assertThat(snap.get("scopes").size()).isEqualTo(6);
    assertThat(snap.at("/scopes/all/totals/orders").asLong()).isEqualTo(10);
    assertThat(snap.at("/sessions/0/sessionId").asText()).isEqualTo("live-1");
    assertThat(snap.at("/series/all/0/salesFen").asLong()).isEqualTo(500);
    assertThat(snap.at("/series/tier:core").size()).isZero();
    assertThat(snap.has("deadLetters")).isTrue();

    for (int v = 1; v <= 20; v++) {
      d.view.apply(snapshot(Scopes.county(CORE_COUNTY), v, v));
    }
    long lastId = Long.parseLong(first.id());
    long seenVersion = 0;
    while (seenVersion < 20) {
      SseTestClient.Event e = c.next("progress", WAIT);
      assertThat(Long.parseLong(e.id())).isGreaterThan(lastId);
      lastId = Long.parseLong(e.id());
      JsonNode scopes = e.json().get("scopes");
      List<String> names = new ArrayList<>();
      scopes.fieldNames().forEachRemaining(names::add);
      if (names.size() != snap.get("scopes").size()) {
        // (the periodic full refresh, due on a slow machine after a few seconds, has them all)
        assertThat(names).containsExactly("county:622921");
      }
      long v = scopes.at("/county:622921/version").asLong();
      assertThat(v).isGreaterThan(seenVersion);
      seenVersion = v;
      assertThat(e.json().has("deadLetters")).isTrue();
    }
    assertThat(seenVersion).isEqualTo(20);
  }

  @Test
  void eventTextThatLooksLikeAFrameArrivesIntactInOneDataLine() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().coalesceInterval(Duration.ofMillis(50)));
    SseTestClient c = connect(d);
    c.next("snapshot", WAIT);

    d.view.apply(session("s-1", LiveSession.LIVE, 1, HOSTILE_TITLE));
    SseTestClient.Event e = c.next("sessions", WAIT);
    assertThat(e.lines().stream().filter(l -> l.startsWith("data:"))).hasSize(1);
    assertThat(e.lines()).hasSize(3); // id, event, data
    assertThat(e.json().at("/sessions/0/title").asText()).isEqualTo(HOSTILE_TITLE);
    assertThat(e.json().at("/sessions/0/countyName").asText()).isEqualTo("临夏县");
  }

  @Test
  void changedMinutesArriveAsASeriesEvent() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().coalesceInterval(Duration.ofMillis(50)));
    SseTestClient c = connect(d);
    c.next("snapshot", WAIT);

    d.view.apply(bucket(Scopes.tier(org.live110.model.Tier.CORE), MINUTE, 1, 700));
    JsonNode points = c.next("series", WAIT).json().get("points");
    assertThat(points.at("/tier:core/0/minute").asText()).isEqualTo("2019-06-18T20:00:00+08:00");
    assertThat(points.at("/tier:core/0/salesFen").asLong()).isEqualTo(700);
  }

  @Test
  void anIdleStreamGetsKeepAliveComments() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().sseKeepAlive(Duration.ofMillis(100)));
    SseTestClient c = connect(d);
    c.next("snapshot", WAIT);
    SseTestClient.Event e = c.next("comment", WAIT);
    assertThat(e.lines()).containsExactly(": keep-alive");
  }

  @Test
  void connectionsBeyondThePerAddressCapGet429() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().sseMaxClientsPerAddress(2));
    connect(d).next("snapshot", WAIT);
    connect(d).next("snapshot", WAIT);
    assertThat(d.metric("dashboard_sse_clients")).isEqualTo(2.0);

    SseTestClient third = connect(d);
    await().atMost(WAIT).until(() -> third.status != 0);
    assertThat(third.status).isEqualTo(429);
    assertThat(d.metric("dashboard_sse_clients")).isEqualTo(2.0);
  }

  @Test
  void aClientThatGoesAwayIsReleased() throws Exception {
    TestDashboard d = start(DashboardConfig.builder().sseKeepAlive(Duration.ofMillis(100)));
    SseTestClient stays = connect(d);
    SseTestClient leaves = connect(d);
    stays.next("snapshot", WAIT);
    leaves.next("snapshot", WAIT);
    assertThat(d.metric("dashboard_sse_clients")).isEqualTo(2.0);

    leaves.close();
    await().atMost(WAIT).until(() -> d.metric("dashboard_sse_clients") == 1.0);
    assertThat(d.metric("dashboard_sse_released_total{reason=\"client_gone\"}")).isEqualTo(1.0);
    stays.next("comment", WAIT);
  }

  @Test
  void aClientThatStopsReadingIsDroppedWithoutSlowingTheOthers() throws Exception {
    TestDashboard d =
        start(
            DashboardConfig.builder()
                .coalesceInterval(Duration.ofMillis(20))
                .sseQueueLimit(4)
                .sseKeepAlive(Duration.ofSeconds(30)));
    SseTestClient healthy = connect(d);
    healthy.next("snapshot", WAIT);
    SseTestClient stuck = new SseTestClient(d.port(), false, 4096);
    open.add(0, stuck);
    await().atMost(WAIT).until(() -> d.metric("dashboard_sse_clients") == 2.0);

    // Each round changes 100 sessions with 2 KB titles: ~200 KB a tick the stuck client never
    // reads. Its socket buffers fill, then its queue of 4, and it must be dropped; the healthy
    // client must see every round.
    String padding = "直".repeat(700);
    int round = 0;
    while (d.metric("dashboard_sse_released_total{reason=\"queue_full\"}") < 1.0) {
      round++;
      assertThat(round).as("rounds before the stuck client was dropped").isLessThan(2_000);
      for (int s = 0; s < 100; s++) {
        d.view.apply(session("s" + s, LiveSession.LIVE, round, padding + round));
      }
      String marker = padding + round;
      healthy.next(
          e -> "sessions".equals(e.event()) && e.data().contains("\"title\":\"" + marker + "\""),
          WAIT);
    }
    await().atMost(WAIT).until(() -> d.metric("dashboard_sse_clients") == 1.0);
    // The healthy client keeps getting updates after the drop.
    d.view.apply(snapshot(Scopes.ALL, 1, 1));
    healthy.next("progress", WAIT);
  }
}
