package org.live110.reliability.support;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.live110.dashboard.DashboardApp;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardDeps;
import org.live110.dashboard.SimulatorControl;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.output.LiveSession;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;

/**
 * The dashboard's own app ({@link DashboardApp#create}) on port 0 with a {@link ProgressView} the
 * test feeds directly — the HTTP/SSE layer under test without Kafka in the way.
 */
public final class InProcessDashboard implements AutoCloseable {
  private final ProgressView view;
  private final DashboardDeps deps;
  private final Javalin app;
  private final HttpClient http = HttpClient.newHttpClient();

  public InProcessDashboard(DashboardConfig config) {
    this(config, SimulatorControl.unavailable());
  }

  public InProcessDashboard(DashboardConfig config, SimulatorControl simulator) {
    view = new ProgressView(Campaign.REGISTRY, Clock.systemUTC());
    deps =
        DashboardDeps.of(
            config,
            Campaign.REGISTRY,
            TargetBook.plan(Campaign.REGISTRY),
            new CampaignCalendar(CampaignCalendar.DEFAULT_YEAR),
            view,
            simulator,
            Clock.systemUTC());
    app = DashboardApp.create(deps).start(0);
  }

  public ProgressView view() {
    return view;
  }

  public int port() {
    return app.port();
  }

  public String url() {
    return "http://localhost:" + port();
  }

  /** A snapshot of {@code scope} at {@code version} whose totals all equal {@code version}. */
  public static ScopeSnapshot snapshot(String scope, long version, Instant asOf) {
    Map<String, Long> totals = new HashMap<>();
    for (Kpi k : Kpi.all()) {
      totals.put(k.key(), version);
    }
    return new ScopeSnapshot(
        scope,
        version,
        asOf,
        totals,
        version,
        0,
        0,
        "2019-06-18",
        totals,
        Map.of(),
        Map.of(),
        0,
        Instant.now());
  }

  /** A live session with the given title (event text the pages must show as text). */
  public static LiveSession session(String id, String county, String title, long version) {
    Instant t = Instant.parse("2019-06-18T12:00:00Z");
    return new LiveSession(
        id,
        county,
        "host-1",
        "douyin",
        title,
        LiveSession.LIVE,
        t,
        null,
        t,
        100,
        120,
        10,
        5,
        2,
        9900,
        version,
        Instant.now());
  }

  /** The value of a gauge or counter line of {@code /metrics} (sum over its label sets). */
  public double metric(String name) throws Exception {
    return metric(name, "");
  }

  /** As {@link #metric(String)}, only the label sets that contain {@code labelFragment}. */
  public double metric(String name, String labelFragment) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(url() + "/metrics"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    double sum = 0;
    boolean found = false;
    for (String line : r.body().split("\n")) {
      if ((line.startsWith(name + " ") || line.startsWith(name + "{"))
          && line.contains(labelFragment)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        found = true;
      }
    }
    if (!found) {
      throw new IllegalStateException("no metric " + name + " in /metrics");
    }
    return sum;
  }

  @Override
  public void close() {
    app.stop();
  }
}
