package org.live110.reliability.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardServer;
import org.live110.dashboard.SimulatorControl;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.RecordingSink;

/** The real dashboard (HTTP + Kafka follower) for the job tests, and its headline figures. */
final class Dashboards {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private Dashboards() {}

  static DashboardServer start(DashboardConfig config) {
    return DashboardServer.start(
        config,
        Campaign.REGISTRY,
        TargetBook.plan(Campaign.REGISTRY),
        new CampaignCalendar(CampaignCalendar.DEFAULT_YEAR),
        SimulatorControl.unavailable());
  }

  /** The totals of scope {@code all} that {@code /api/progress} shows now. */
  static Map<String, Long> allTotals(DashboardServer dashboard) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(dashboard.url() + "/api/progress"))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    JsonNode totals = JSON.readTree(r.body()).path("scopes").path(Scopes.ALL).path("totals");
    Map<String, Long> out = new LinkedHashMap<>();
    for (Kpi k : Kpi.all()) {
      out.put(k.key(), totals.path(k.key()).asLong());
    }
    return out;
  }

  /** The ground truth of scope {@code all} in the same shape. */
  static Map<String, Long> truthOfAll(RecordingSink sink) {
    Map<String, Long> out = new LinkedHashMap<>();
    Map<Kpi, Long> all = sink.truth().totals().get(Scopes.ALL);
    for (Kpi k : Kpi.all()) {
      out.put(k.key(), all.get(k));
    }
    return out;
  }
}
