package org.live110.dashboard.http;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.live110.dashboard.DashboardMetrics;

/** {@code GET /metrics}: the Prometheus text exposition of the dashboard's registry. */
public final class MetricsController {
  private final PrometheusMeterRegistry registry;
  private final DashboardMetrics metrics;

  public MetricsController(PrometheusMeterRegistry registry, DashboardMetrics metrics) {
    this.registry = registry;
    this.metrics = metrics;
  }

  public void scrape(Context ctx) {
    metrics.registerNewReasons();
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
  }
}
