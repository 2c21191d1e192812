package org.live110.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.live110.dashboard.view.ProgressView;

/** A dashboard on a free port fed directly through its view, with a small HTTP client. */
final class TestDashboard implements AutoCloseable {
  static final ObjectMapper MAPPER = new ObjectMapper();

  final ProgressView view;
  final DashboardDeps deps;
  final Javalin app;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  TestDashboard(DashboardConfig config, Clock clock, SimulatorControl simulator) {
    this.view = Fixtures.view(clock);
    this.deps =
        DashboardDeps.of(
            config, Fixtures.REGISTRY, Fixtures.TARGETS, Fixtures.CALENDAR, view, simulator, clock);
    this.app = DashboardApp.create(deps).start(0);
  }

  TestDashboard(DashboardConfig config, Clock clock) {
    this(config, clock, SimulatorControl.unavailable());
  }

  int port() {
    return app.port();
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port() + path);
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  JsonNode getJson(String path) {
    HttpResponse<String> r = get(path);
    if (r.statusCode() != 200) {
      throw new AssertionError(path + " answered " + r.statusCode() + ": " + r.body());
    }
    try {
      return MAPPER.readTree(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of one sample line of /metrics, e.g. {@code dashboard_sse_clients}. */
  double metric(String sample) {
    for (String line : get("/metrics").body().split("\n")) {
      if (line.startsWith(sample + " ")) {
        return Double.parseDouble(line.substring(sample.length() + 1).trim());
      }
    }
    throw new AssertionError("no sample " + sample + " in /metrics");
  }

  @Override
  public void close() {
    app.stop();
  }
}
