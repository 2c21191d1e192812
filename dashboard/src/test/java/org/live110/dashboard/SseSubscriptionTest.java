package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.live110.dashboard.Fixtures.CORE_COUNTY;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.RADIATING_COUNTY;
import static org.live110.dashboard.Fixtures.bucket;
import static org.live110.dashboard.Fixtures.session;
import static org.live110.dashboard.Fixtures.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.output.LiveSession;

/**
 * {@code GET /api/stream?series=…} over real sockets: a client gets only its scopes' series points
 * (and snapshot series), {@code none} gets none, the default gets every scope, a bad value is a
 * 400, and each tick's series frame is serialized once per distinct subscription.
 */
class SseSubscriptionTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Instant MINUTE = Instant.parse("2019-06-18T12:00:00Z");
  private static final String CORE = Scopes.county(CORE_COUNTY);
  private static final String SERIES_SERIALIZED = "dashboard_sse_series_frames_serialized_total";

  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(EMITTED);
  private final List<AutoCloseable> open = new ArrayList<>();

  private TestDashboard start() {
    return start(DashboardConfig.DEFAULT_SSE_KEEP_ALIVE);
  }

  private TestDashboard start(Duration keepAlive) {
    TestDashboard d =
        new TestDashboard(
            DashboardConfig.builder()
                .port(0)
                .coalesceInterval(Duration.ofMillis(50))
                .sseKeepAlive(keepAlive)
                .build(),
            clock);
    open.add(d);
    return d;
  }

  private SseTestClient connect(TestDashboard d, String target) throws Exception {
    SseTestClient c = new SseTestClient(d.port(), target);
    open.add(0, c);
    return c;
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private static List<String> keys(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aSubscribedClientGetsOnlyItsScopesAndNoFrameWhenNoneOfThemChanged() throws Exception {
    TestDashboard d = start();
    SseTestClient every = connect(d, "/api/stream");
    assertThat(keys(every.next("snapshot", WAIT).json().get("series")))
        .containsExactly("all", "tier:core", "tier:radiating");
    d.view.apply(bucket(CORE, MINUTE, 1, 300));
    d.view.apply(bucket(Scopes.ALL, MINUTE, 1, 900));
    // Once the default client has had them, these points are no longer pending.
    awaitSeries(every, CORE, "all");
    SseTestClient county = connect(d, "/api/stream?series=" + CORE);

    JsonNode snap = county.next("snapshot", WAIT).json();
    assertThat(county.status).isEqualTo(200);
    assertThat(keys(snap.get("series"))).containsExactly(CORE);
    assertThat(snap.at("/series/" + CORE + "/0/salesFen").asLong()).isEqualTo(300);
    assertThat(snap.get("scopes").size()).isEqualTo(6); // progress is never filtered

    // A tick with only other scopes' points: nothing at all for the county client.
    d.view.apply(bucket(Scopes.ALL, MINUTE, 2, 901));
    d.view.apply(bucket(Scopes.tier(Tier.RADIATING), MINUTE, 1, 50));
    assertThat(awaitSeries(every, "all", "tier:radiating"))
        .containsExactly("all", "tier:radiating");

    d.view.apply(bucket(CORE, MINUTE.plusSeconds(60), 1, 777));
    SseTestClient.Event first = county.next(e -> true, WAIT);
    assertThat(first.event()).isEqualTo("series");
    JsonNode points = first.json().get("points");
    assertThat(keys(points)).containsExactly(CORE);
    assertThat(points.get(CORE).size()).isEqualTo(1);
    assertThat(points.at("/" + CORE + "/0/minute").asText()).isEqualTo("2019-06-18T20:01:00+08:00");
    assertThat(points.at("/" + CORE + "/0/salesFen").asLong()).isEqualTo(777);
    // The default client gets the county's point too.
    JsonNode everyPoints = every.next("series", WAIT).json().get("points");
    assertThat(keys(everyPoints)).containsExactly(CORE);
    assertThat(everyPoints.at("/" + CORE + "/0/salesFen").asLong()).isEqualTo(777);

    // Progress and sessions still reach it, with growing ids.
    d.view.apply(session("live-1", LiveSession.LIVE, 1, "t"));
    SseTestClient.Event next = county.next(e -> true, WAIT);
    assertThat(next.event()).isEqualTo("sessions");
    assertThat(Long.parseLong(next.id())).isGreaterThan(Long.parseLong(first.id()));
  }

  /** Reads series frames until every one of {@code scopes} was in one; returns the keys seen. */
  private static Set<String> awaitSeries(SseTestClient c, String... scopes) throws Exception {
    Set<String> seen = new LinkedHashSet<>();
    while (!seen.containsAll(List.of(scopes))) {
      seen.addAll(keys(c.next("series", WAIT).json().get("points")));
    }
    return seen;
  }

  @Test
  void seriesNoneGetsProgressAndSessionsButNoSeries() throws Exception {
    TestDashboard d = start();
    SseTestClient none = connect(d, "/api/stream?series=none");
    SseTestClient every = connect(d, "/api/stream");
    JsonNode snap = none.next("snapshot", WAIT).json();
    assertThat(snap.get("series").size()).isZero();
    every.next("snapshot", WAIT);

    d.view.apply(bucket(Scopes.ALL, MINUTE, 1, 500));
    d.view.apply(snapshot(Scopes.ALL, 1, 10));
    SseTestClient.Event first = none.next(e -> true, WAIT);
    assertThat(first.event()).isEqualTo("progress");
    assertThat(first.json().at("/scopes/all/totals/orders").asLong()).isEqualTo(10);
    assertThat(every.next("series", WAIT).json().at("/points/all/0/salesFen").asLong())
        .isEqualTo(500);

    d.view.apply(bucket(Scopes.ALL, MINUTE, 2, 501));
    d.view.apply(session("live-1", LiveSession.LIVE, 1, "t"));
    // Whatever ticks these took, the none client's next frame is the sessions one.
    assertThat(none.next(e -> true, WAIT).event()).isEqualTo("sessions");
  }

  @Test
  void eachTicksSeriesFrameIsSerializedOncePerDistinctSubscription() throws Exception {
    // (keep-alive comments soon after a client leaves tell the hub it has gone)
    TestDashboard d = start(Duration.ofMillis(100));
    List<SseTestClient> clients =
        List.of(
            connect(d, "/api/stream?series=all,tier:core"),
            connect(d, "/api/stream?series=tier%3Acore%2Call%2Call"), // the same, normalized
            connect(d, "/api/stream"),
            connect(d, "/api/stream"),
            connect(d, "/api/stream?series=none"),
            connect(d, "/api/stream?series=" + Scopes.county(RADIATING_COUNTY)));
    for (SseTestClient c : clients) {
      c.next("snapshot", WAIT);
    }
    assertThat(d.metric("dashboard_sse_clients")).isEqualTo(6.0);
    assertThat(d.metric("dashboard_sse_series_subscriptions")).isEqualTo(4.0);
    // Nothing changed while they connected: one snapshot per distinct subscription.
    assertThat(d.metric("dashboard_sse_snapshots_serialized_total")).isEqualTo(4.0);
    assertThat(d.metric(SERIES_SERIALIZED)).isZero();

    d.view.apply(bucket(Scopes.tier(Tier.CORE), MINUTE, 1, 700));
    for (SseTestClient c : clients.subList(0, 4)) {
      JsonNode points = c.next("series", WAIT).json().get("points");
      assertThat(keys(points)).containsExactly("tier:core");
      assertThat(points.at("/tier:core/0/salesFen").asLong()).isEqualTo(700);
    }
    // {all, tier:core} once for two clients, every scope once for two; none and the county: none.
    assertThat(d.metric(SERIES_SERIALIZED)).isEqualTo(2.0);

    clients.get(5).close(); // the county's only client
    await().atMost(WAIT).until(() -> d.metric("dashboard_sse_series_subscriptions") == 3.0);
  }

  @Test
  void aBadSeriesParameterIsA400NamingIt() throws Exception {
    TestDashboard d = start();
    assertBadRequest(
        d,
        "/api/stream?series=county:999999",
        "series: unknown scope 'county:999999' (all, tier:core, tier:radiating, county:<code>,"
            + " or none)");
    assertBadRequest(
        d, "/api/stream?series=", "series: empty scope in '' (scopes separated by one comma)");
    assertBadRequest(
        d,
        "/api/stream?series=all,,tier:core",
        "series: empty scope in 'all,,tier:core' (scopes separated by one comma)");
    assertBadRequest(
        d, "/api/stream?series=none,all", "series: 'none' cannot be combined with scopes");
    assertBadRequest(
        d,
        "/api/stream?series=all&series=tier:core",
        "series: give the parameter once, scopes separated by commas");
    assertBadRequest(
        d, "/api/stream?series=" + "all,".repeat(16) + "all", "series: at most 16 scopes, got 17");
    assertThat(d.metric("dashboard_sse_clients")).isZero();

    // 16 items (repeats included) are fine.
    SseTestClient ok = connect(d, "/api/stream?series=" + "all,".repeat(15) + "all");
    assertThat(keys(ok.next("snapshot", WAIT).json().get("series"))).containsExactly("all");
    await().atMost(WAIT).until(() -> d.metric("dashboard_sse_clients") == 1.0);
  }

  private static void assertBadRequest(TestDashboard d, String target, String message) {
    HttpResponse<String> r = d.get(target);
    assertThat(r.statusCode()).as(target).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type").map(v -> v.replace(" ", "")))
        .hasValue("application/json;charset=utf-8");
    try {
      assertThat(TestDashboard.MAPPER.readTree(r.body()).get("error").asText())
          .as(target)
          .isEqualTo(message);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
