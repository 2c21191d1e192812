package org.live110.dashboard.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import org.live110.dashboard.service.ApiJson;
import org.live110.dashboard.service.CsvReport;
import org.live110.dashboard.service.ProgressService;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Scopes;

/** The public read API: progress, counties, series, sessions, the CSV report and health. */
public final class ApiController {
  private final ProgressService service;
  private final CsvReport csv;
  private final JsonResponses json;

  public ApiController(ProgressService service, CsvReport csv, JsonResponses json) {
    this.service = service;
    this.csv = csv;
    this.json = json;
  }

  public void progress(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    json.ok(ctx, service.progress());
  }

  public void counties(Context ctx) {
    json.ok(ctx, service.counties());
  }

  public void series(Context ctx) {
    String scope = ctx.queryParam("scope");
    if (scope == null || scope.isBlank()) {
      scope = Scopes.ALL;
    }
    if (!service.isKnownScope(scope)) {
      json.error(ctx, 404, "unknown scope");
      return;
    }
    int minutes = ProgressView.SERIES_MINUTES;
    String m = ctx.queryParam("minutes");
    if (m != null) {
      try {
        minutes = Integer.parseInt(m.strip());
      } catch (NumberFormatException e) {
        json.error(ctx, 400, "minutes must be a whole number 1..1440");
        return;
      }
      if (minutes < 1) {
        json.error(ctx, 400, "minutes must be a whole number 1..1440");
        return;
      }
    }
    ctx.header("Cache-Control", "no-store");
    json.ok(ctx, service.series(scope, minutes));
  }

  public void sessions(Context ctx) {
    String status = ctx.queryParam("status");
    boolean liveOnly;
    if (status == null || status.equals("live")) {
      liveOnly = true;
    } else if (status.equals("all")) {
      liveOnly = false;
    } else {
      json.error(ctx, 400, "status must be live or all");
      return;
    }
    ctx.header("Cache-Control", "no-store");
    json.ok(ctx, new ApiJson.Sessions(service.sessions(liveOnly)));
  }

  public void csv(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    ctx.header("Content-Disposition", "attachment; filename=\"110live-progress.csv\"");
    ctx.contentType("text/csv; charset=utf-8")
        .result(csv.render().getBytes(StandardCharsets.UTF_8));
  }

  public void health(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    json.ok(ctx, service.health());
  }
}
