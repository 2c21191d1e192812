package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.dashboard.Fixtures.CORE_COUNTY;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.bucket;
import static org.live110.dashboard.Fixtures.session;
import static org.live110.dashboard.Fixtures.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;

/** The HTTP contract over a real server on a free port, fed directly through its view. */
class DashboardHttpTest {
  private static final String TOKEN = "s3cret-token";
  private static final Instant MINUTE = Instant.parse("2019-06-18T12:00:00Z");

  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(EMITTED);
  private final List<TestDashboard> started = new ArrayList<>();

  private TestDashboard start(DashboardConfig config) {
    TestDashboard d = new TestDashboard(config, clock, new FakeSimulator());
    started.add(d);
    return d;
  }

  private TestDashboard start() {
    return start(DashboardConfig.builder().port(0).adminToken(TOKEN).build());
  }

  @AfterEach
  void stop() {
    started.forEach(TestDashboard::close);
  }

  @Test
  void progressHasEveryCountyWithZerosBeforeAnyData() {
    TestDashboard d = start();
    HttpResponse<String> r = d.get("/api/progress");
    assertThat(r.statusCode()).isEqualTo(200);
    // Jetty writes the contract's "application/json; charset=utf-8" without the space.
    assertThat(r.headers().firstValue("Content-Type").map(v -> v.replace(" ", "")))
        .hasValue("application/json;charset=utf-8");

    JsonNode p = d.getJson("/api/progress");
    assertThat(p.get("asOf").isNull()).isTrue();
    assertThat(p.get("stale").asBoolean()).isTrue();
    List<String> scopes = new ArrayList<>();
    p.get("scopes").fieldNames().forEachRemaining(scopes::add);
    assertThat(scopes)
        .containsExactly(
            "all",
            "tier:core",
            "tier:radiating",
            "county:622921",
            "county:513431",
            "county:653223");
    JsonNode county = p.at("/scopes/county:513431");
    assertThat(county.get("version").asLong()).isZero();
    for (Kpi kpi : Kpi.all()) {
      assertThat(county.at("/totals/" + kpi.key()).isIntegralNumber()).as(kpi.key()).isTrue();
      assertThat(county.at("/totals/" + kpi.key()).asLong()).isZero();
      assertThat(county.at("/today/" + kpi.key()).asLong()).isZero();
    }
    assertThat(county.at("/targets/shops").asLong())
        .isEqualTo(Fixtures.TARGETS.target("county:513431", Kpi.SHOPS));
    assertThat(county.at("/progress/shops/pace").asText()).isEqualTo("on_track");
    assertThat(p.at("/deadLetters/total").asLong()).isZero();
    assertThat(p.at("/deadLetters/byReason/unknown_county").asLong()).isZero();
  }

  @Test
  void progressShowsTheHeldSnapshotsAndDeadLetters() {
    TestDashboard d = start();
    d.view.apply(snapshot(Scopes.ALL, 7, 70));
    d.view.apply(snapshot(Scopes.county(CORE_COUNTY), 3, 30));
    d.view.apply(
        new DeadLetterSummary(4, 4, Map.of("malformed_json", 3L, "unknown_county", 1L), EMITTED));

    JsonNode p = d.getJson("/api/progress");
    assertThat(p.get("asOf").asText()).isEqualTo("2019-06-18T20:05:00+08:00");
    assertThat(p.get("updatedAt").asText()).isEqualTo("2026-01-10T16:00:00+08:00");
    assertThat(p.get("stale").asBoolean()).isFalse();
    assertThat(p.at("/scopes/all/version").asLong()).isEqualTo(7);
    assertThat(p.at("/scopes/all/totals/salesFen").asLong()).isEqualTo(7_000);
    assertThat(p.at("/scopes/all/livestreamSalesFen").asLong()).isEqualTo(3_500);
    assertThat(p.at("/scopes/county:622921/totals/orders").asLong()).isEqualTo(30);
    assertThat(p.at("/scopes/tier:core/version").asLong()).isZero();
    assertThat(p.at("/deadLetters/total").asLong()).isEqualTo(4);
    assertThat(p.at("/deadLetters/byReason/malformed_json").asLong()).isEqualTo(3);
    assertThat(p.at("/deadLetters/byReason/too_large").asLong()).isZero();
  }

  @Test
  void countiesListTheRegistry() {
    TestDashboard d = start();
    JsonNode c = d.getJson("/api/counties");
    assertThat(c.size()).isEqualTo(3);
    assertThat(c.get(0).get("code").asText()).isEqualTo("622921");
    assertThat(c.get(0).get("name").asText()).isEqualTo("临夏县");
    assertThat(c.get(0).get("province").asText()).isEqualTo("甘肃省");
    assertThat(c.get(0).get("tier").asText()).isEqualTo("core");
    assertThat(c.get(0).get("lon").asDouble()).isEqualTo(103.0);
    assertThat(c.get(1).get("tier").asText()).isEqualTo("radiating");
  }

  @Test
  void seriesReturnsTheNewestMinutesAscending() {
    TestDashboard d = start();
    for (int i = 0; i < 5; i++) {
      d.view.apply(bucket(Scopes.ALL, MINUTE.plusSeconds(60L * i), 1, 100 + i));
    }
    JsonNode s = d.getJson("/api/series?scope=all&minutes=2");
    assertThat(s.get("scope").asText()).isEqualTo("all");
    assertThat(s.get("points").size()).isEqualTo(2);
    assertThat(s.at("/points/0/minute").asText()).isEqualTo("2019-06-18T20:03:00+08:00");
    assertThat(s.at("/points/0/salesFen").asLong()).isEqualTo(103);
    assertThat(s.at("/points/1/newViewers").asLong()).isEqualTo(4);
    assertThat(d.getJson("/api/series").get("points").size()).isEqualTo(5);
    assertThat(d.get("/api/series?scope=county:000000").statusCode()).isEqualTo(404);
    assertThat(d.get("/api/series?minutes=x").statusCode()).isEqualTo(400);
  }

  @Test
  void sessionsAreLiveByDefaultAndCarryCountyNameAndDuration() {
    TestDashboard d = start();
    d.view.apply(session("ended-1", LiveSession.ENDED, 3, "昨天的直播"));
    d.view.apply(session("live-1", LiveSession.LIVE, 2, "<img src=x onerror=alert(1)>"));

    JsonNode live = d.getJson("/api/sessions");
    assertThat(live.get("sessions").size()).isEqualTo(1);
    JsonNode s = live.at("/sessions/0");
    assertThat(s.get("sessionId").asText()).isEqualTo("live-1");
    assertThat(s.get("countyName").asText()).isEqualTo("临夏县");
    assertThat(s.get("title").asText()).isEqualTo("<img src=x onerror=alert(1)>");
    assertThat(s.get("durationSeconds").asLong()).isEqualTo(3600);
    assertThat(s.get("endedAt").isNull()).isTrue();
    assertThat(s.get("salesFen").asLong()).isEqualTo(12_345);

    JsonNode all = d.getJson("/api/sessions?status=all");
    assertThat(all.get("sessions").size()).isEqualTo(2);
    assertThat(all.at("/sessions/1/sessionId").asText()).isEqualTo("ended-1");
    assertThat(d.get("/api/sessions?status=some").statusCode()).isEqualTo(400);
  }

  @Test
  void csvHasBomHeaderAndOneRowPerCounty() {
    TestDashboard d = start();
    d.view.apply(snapshot(Scopes.county(CORE_COUNTY), 3, 30));
    HttpResponse<byte[]> r;
    try {
      r =
          d.http.send(
              HttpRequest.newBuilder(d.uri("/api/progress.csv")).build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
    byte[] body = r.body();
    assertThat(new byte[] {body[0], body[1], body[2]})
        .containsExactly((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
    String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0])
        .startsWith(
            "code,name,province,tier,exposure,exposure_target,exposure_progress,exposure_status,reads,");
    assertThat(lines[1]).startsWith("622921,临夏县,甘肃省,core,30,");
    assertThat(lines[2]).startsWith("513431,昭觉县,四川省,radiating,0,");
  }

  @Test
  void adminIsClosedWithoutAConfiguredToken() {
    TestDashboard d = start(DashboardConfig.builder().port(0).build());
    HttpResponse<String> r = post(d, "/api/admin/simulator/start", "Bearer anything");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("{\"error\":\"admin disabled: no token configured\"}");
  }

  @Test
  void adminNeedsTheBearerTokenInTheHeader() {
    TestDashboard d = start();
    assertThat(post(d, "/api/admin/simulator/start", null).statusCode()).isEqualTo(401);
    assertThat(post(d, "/api/admin/simulator/start", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(post(d, "/api/admin/simulator/start", "Bearer ").statusCode()).isEqualTo(401);
    assertThat(post(d, "/api/admin/simulator/start?token=" + TOKEN, null).statusCode())
        .isEqualTo(401);
    assertThat(post(d, "/api/admin/simulator/start?access_token=" + TOKEN, null).statusCode())
        .isEqualTo(401);
    assertThat(post(d, "/api/admin/simulator/start", "Bearer wrong").statusCode()).isEqualTo(403);
    assertThat(d.get("/api/admin/simulator").statusCode()).isEqualTo(401);

    HttpResponse<String> ok = post(d, "/api/admin/simulator/start", "Bearer " + TOKEN);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).isEqualTo("{\"available\":true,\"running\":true,\"detail\":\"started\"}");
    HttpResponse<String> status =
        d.send(
            HttpRequest.newBuilder(d.uri("/api/admin/simulator"))
                .header("Authorization", "Bearer " + TOKEN)
                .build());
    assertThat(status.body()).contains("\"running\":true");
    assertThat(post(d, "/api/admin/simulator/stop", "Bearer " + TOKEN).body())
        .contains("\"running\":false");
  }

  @Test
  void adminAnswers501WhenThereIsNoSimulator() {
    TestDashboard d =
        new TestDashboard(DashboardConfig.builder().port(0).adminToken(TOKEN).build(), clock);
    started.add(d);
    HttpResponse<String> r = post(d, "/api/admin/simulator/start", "Bearer " + TOKEN);
    assertThat(r.statusCode()).isEqualTo(501);
    assertThat(r.body()).contains("\"available\":false");
  }

  @Test
  void everyResponseCarriesTheSecurityHeaders() {
    TestDashboard d = start();
    String csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    for (String path :
        List.of(
            "/api/progress",
            "/health",
            "/no/such/thing",
            "/webjars/echarts/5.3.1/dist/echarts.min.js",
            "/counties/000000")) {
      HttpResponse<String> r = d.get(path);
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(csp);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
      assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
      assertThat(r.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
    assertThat(d.get("/webjars/echarts/5.3.1/dist/echarts.min.js").statusCode()).isEqualTo(200);
    HttpResponse<String> unknown = d.get("/counties/000000");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Content-Type").map(v -> v.replace(" ", "")))
        .hasValue("application/json;charset=utf-8");
    assertThat(d.get("/no/such/thing").statusCode()).isEqualTo(404);
  }

  @Test
  void anAllowListFramePolicyIsSentAsFrameAncestorsOnly() {
    TestDashboard d =
        start(
            DashboardConfig.builder()
                .port(0)
                .framePolicy(FramePolicy.parse("ALLOW-FROM https://wall.example"))
                .build());
    HttpResponse<String> r = d.get("/api/progress");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElseThrow())
        .endsWith("frame-ancestors https://wall.example");
    assertThat(r.headers().firstValue("X-Frame-Options")).isEmpty();
  }

  @Test
  void healthSaysWhetherDataIsFresh() {
    TestDashboard d = start();
    JsonNode before = d.getJson("/health");
    assertThat(before.get("status").asText()).isEqualTo("ok");
    assertThat(before.get("fresh").asBoolean()).isFalse();
    assertThat(before.get("lastUpdateAgeSeconds").isNull()).isTrue();

    d.view.apply(snapshot(Scopes.ALL, 1, 1));
    clock.set(EMITTED.plusSeconds(12));
    JsonNode fresh = d.getJson("/health");
    assertThat(fresh.get("fresh").asBoolean()).isTrue();
    assertThat(fresh.get("lastUpdateAgeSeconds").asLong()).isEqualTo(12);
    assertThat(fresh.get("asOf").asText()).isEqualTo("2019-06-18T20:05:00+08:00");

    clock.set(EMITTED.plusSeconds(31));
    JsonNode stale = d.getJson("/health");
    assertThat(stale.get("fresh").asBoolean()).isFalse();
    assertThat(stale.get("lastUpdateAgeSeconds").asLong()).isEqualTo(31);
    assertThat(d.getJson("/api/progress").get("stale").asBoolean()).isTrue();
  }

  @Test
  void metricsExposeTheDashboardGauges() {
    TestDashboard d = start();
    d.view.apply(snapshot(Scopes.ALL, 1, 1));
    d.view.apply(
        new DeadLetterSummary(5, 5, Map.of("bad_value", 5L, "something_new", 0L), EMITTED));
    d.view.updateConsumerLag(17);
    clock.set(EMITTED.plusSeconds(3));

    HttpResponse<String> r = d.get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
    assertThat(d.metric("dashboard_sse_clients")).isEqualTo(0.0);
    assertThat(d.metric("dashboard_last_update_age_seconds")).isEqualTo(3.0);
    assertThat(d.metric("dashboard_consumer_lag")).isEqualTo(17.0);
    assertThat(d.metric("dashboard_dead_letters{reason=\"bad_value\"}")).isEqualTo(5.0);
    assertThat(d.metric("dashboard_dead_letters{reason=\"malformed_json\"}")).isEqualTo(0.0);
    assertThat(d.metric("dashboard_dead_letters{reason=\"something_new\"}")).isEqualTo(0.0);
    assertThat(r.body()).contains("jvm_memory_used_bytes");
  }

  private static HttpResponse<String> post(TestDashboard d, String path, String authorization) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(d.uri(path)).POST(HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return d.send(b.build());
  }

  /** A simulator that only remembers whether it runs. */
  static final class FakeSimulator implements SimulatorControl {
    private final AtomicBoolean running = new AtomicBoolean();

    @Override
    public Status start() {
      running.set(true);
      return new Status(true, true, "started");
    }

    @Override
    public Status stop() {
      running.set(false);
      return new Status(true, false, "stopped");
    }

    @Override
    public Status status() {
      return new Status(true, running.get(), running.get() ? "started" : "stopped");
    }
  }
}
