package org.live110.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.live110.model.Kpi;

/**
 * What a wall screen sees, checked against the "never backwards" rule: two observers of one
 * dashboard — an SSE client of {@code /api/stream} (reconnecting like the page does) and a poller
 * of {@code /api/progress} — record every scope's version and totals they are shown; any decrease
 * of a version or of a never-decreasing total (every KPI but net sales) is a violation. The
 * observers keep their memory across reconnects and dashboard restarts: the screen must not go back
 * either.
 */
public final class NeverBackwards implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Per observer: newest version and totals seen per scope. */
  private static final class Seen {
    final Map<String, Long> version = new HashMap<>();
    final Map<String, Map<String, Long>> totals = new HashMap<>();
  }

  private final Supplier<String> baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Seen sseSeen = new Seen();
  private final Seen pollSeen = new Seen();
  private final List<String> violations = new ArrayList<>();
  private final ScheduledExecutorService observers =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "never-backwards");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean stopped;
  private long sseObservations;
  private long pollObservations;
  private long sseConnects;
  private long pollErrors;

  /**
   * @param baseUrl where the dashboard is now (it may move or restart)
   */
  public NeverBackwards(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Starts both observers: the stream reconnects 200 ms after it ends, the poller every 150 ms. */
  public NeverBackwards start() {
    observers.scheduleWithFixedDelay(this::followStream, 0, 200, TimeUnit.MILLISECONDS);
    observers.scheduleWithFixedDelay(this::poll, 0, 150, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One connection, followed until it ends (the dashboard restarting). */
  private void followStream() {
    try (SseStream s = SseStream.open(http, baseUrl.get() + "/api/stream")) {
      synchronized (this) {
        sseConnects++;
      }
      while (!stopped && !s.ended()) {
        SseStream.Frame f = s.next(Duration.ofMillis(200));
        if (f != null && ("snapshot".equals(f.event()) || "progress".equals(f.event()))) {
          observe("sse", sseSeen, JSON.readTree(f.data()));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // The dashboard is restarting; the next run reconnects as the page does.
    }
  }

  /** One poll of /api/progress. */
  private void poll() {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl.get() + "/api/progress"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() == 200) {
        observe("poll", pollSeen, JSON.readTree(r.body()));
      } else {
        synchronized (this) {
          pollErrors++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      synchronized (this) {
        pollErrors++;
      }
    }
  }

  private synchronized void observe(String who, Seen seen, JsonNode body) {
    if ("sse".equals(who)) {
      sseObservations++;
    } else {
      pollObservations++;
    }
    Iterator<Map.Entry<String, JsonNode>> scopes = body.path("scopes").fields();
    while (scopes.hasNext()) {
      Map.Entry<String, JsonNode> e = scopes.next();
      String scope = e.getKey();
      long version = e.getValue().path("version").asLong();
      Long before = seen.version.get(scope);
      if (before != null && version < before) {
        violations.add(who + " " + scope + " version " + before + " -> " + version);
      }
      seen.version.merge(scope, version, Math::max);
      Map<String, Long> last = seen.totals.computeIfAbsent(scope, s -> new HashMap<>());
      for (Kpi kpi : Kpi.all()) {
        JsonNode v = e.getValue().path("totals").path(kpi.key());
        if (v.isMissingNode()) {
          continue;
        }
        long value = v.asLong();
        Long prev = last.get(kpi.key());
        if (kpi.neverDecreases() && prev != null && value < prev) {
          violations.add(who + " " + scope + " " + kpi.key() + " " + prev + " -> " + value);
        }
        last.put(kpi.key(), kpi.neverDecreases() && prev != null ? Math.max(prev, value) : value);
      }
    }
  }

  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  public synchronized Map<String, Object> figures() {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("sseObservations", sseObservations);
    m.put("sseConnects", sseConnects);
    m.put("pollObservations", pollObservations);
    m.put("pollErrorsWhileRestarting", pollErrors);
    m.put("violations", violations.size());
    m.put("sseViolations", violations.stream().filter(v -> v.startsWith("sse ")).count());
    m.put("pollViolations", violations.stream().filter(v -> v.startsWith("poll ")).count());
    m.put(
        "scopesSeenGoingBackwards",
        violations.stream().map(v -> v.split(" ")[0] + " " + v.split(" ")[1]).distinct().count());
    m.put("firstViolations", violations.size() > 20 ? violations.subList(0, 20) : violations);
    return m;
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    observers.shutdownNow();
    observers.awaitTermination(5, TimeUnit.SECONDS);
  }
}
