package org.live110.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.live110.model.Kpi;
import org.live110.model.Scopes;

/**
 * Produce-to-screen latency: with the {@link SteadyLoad} running, one SSE client on {@code
 * /api/stream} of a dashboard following the job's progress topic. Marker {@code k} has arrived when
 * the first frame showing the marker county's {@code orders} ≥ {@code k} is read; its latency is
 * that instant minus the instant the marker was handed to the producer (same JVM, same monotonic
 * clock).
 *
 * <p>Input: the load, a dashboard. Output: every marker's latency in ms, exact percentiles.
 */
public final class LatencyRun {
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param millis latency of every marker, in ms
   * @param markers markers sent
   * @param missing markers never seen on the stream within the bound
   */
  public record Result(Samples millis, long markers, long missing) {}

  public Result run(
      SteadyLoad load,
      RunningDashboard.Starter starter,
      String bootstrap,
      Duration warmup,
      Duration duration)
      throws Exception {
    String scope = Scopes.county(load.markerCounty());
    List<Double> latencies = new ArrayList<>();
    long[] seen = {0};
    try (RunningDashboard dashboard = starter.start(bootstrap, load.topics(), 20);
        SseClients client =
            new SseClients(
                "localhost",
                dashboard.port(),
                1,
                true,
                (c, millis, nanos, event, data) -> {
                  long orders = orders(data, scope);
                  synchronized (latencies) {
                    while (seen[0] < orders && seen[0] < load.markerCount()) {
                      seen[0]++;
                      latencies.add((nanos - load.markerSentNanos(seen[0])) / 1e6);
                    }
                  }
                })) {
      if (client.awaitConnected(Duration.ofSeconds(60)) != 1) {
        throw new IllegalStateException(
            "the SSE client could not connect to the dashboard (refused: "
                + client.refused()
                + ")");
      }
      JobThroughputRun.waitMillis(warmup.toMillis());
      load.check();
      load.markers(true);
      JobThroughputRun.waitMillis(duration.toMillis());
      load.markers(false);
      long sent = load.markerCount();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        synchronized (latencies) {
          if (seen[0] >= sent) {
            break;
          }
        }
        JobThroughputRun.waitMillis(100);
      }
      synchronized (latencies) {
        return new Result(Samples.of(latencies), sent, sent - seen[0]);
      }
    }
  }

  /** The scope's orders total in a snapshot or progress frame, or -1 if the frame lacks it. */
  private long orders(String data, String scope) {
    try {
      JsonNode n =
          json.readTree(data).path("scopes").path(scope).path("totals").path(Kpi.ORDERS.key());
      return n.isNumber() ? n.asLong() : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
