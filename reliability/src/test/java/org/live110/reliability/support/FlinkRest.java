package org.live110.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/**
 * Reads job figures from the MiniCluster's REST API: the job's restart count and an operator metric
 * summed over all subtasks (e.g. {@code dedupExpired}, {@code lateEvents}).
 */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  /**
   * @param webInterfaceUrl e.g. {@code ClusterClient.getWebInterfaceURL()}
   */
  public FlinkRest(String webInterfaceUrl) {
    this.base =
        webInterfaceUrl.endsWith("/")
            ? webInterfaceUrl.substring(0, webInterfaceUrl.length() - 1)
            : webInterfaceUrl;
  }

  private JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + " -> " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /**
   * Sum over every vertex and subtask of the operator metrics whose name ends with {@code .name}.
   */
  public long operatorMetricSum(String jobId, String name)
      throws IOException, InterruptedException {
    long sum = 0;
    for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
      String vid = v.path("id").asText();
      String prefix = "/jobs/" + jobId + "/vertices/" + vid + "/subtasks/metrics";
      for (JsonNode m : get(prefix)) {
        String id = m.path("id").asText();
        if (id.endsWith("." + name)) {
          JsonNode agg =
              get(prefix + "?get=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&agg=sum");
          for (JsonNode a : agg) {
            sum += (long) a.path("sum").asDouble();
          }
        }
      }
    }
    return sum;
  }

  /**
   * How many operator metrics of the job (all vertices, listed by name) end with {@code .suffix}.
   */
  public long countMetricsEndingWith(String jobId, String suffix)
      throws IOException, InterruptedException {
    long n = 0;
    for (JsonNode v : get("/jobs/" + jobId).path("vertices")) {
      String prefix = "/jobs/" + jobId + "/vertices/" + v.path("id").asText() + "/subtasks/metrics";
      for (JsonNode m : get(prefix)) {
        if (m.path("id").asText().endsWith(suffix)) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Waits until every input partition is assigned to a source reader (each gets a {@code
   * currentOffset} gauge): until then a source without splits counts as idle and does not hold the
   * campaign clock back, so a test that starts producing earlier measures start-up skew, not the
   * job.
   */
  public void awaitPartitionsAssigned(String jobId, int partitions) {
    Awaitility.await("all " + partitions + " input partitions assigned")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> countMetricsEndingWith(jobId, ".currentOffset") >= partitions);
  }

  /**
   * Polls an operator metric until it equals {@code expected} (bounded); returns the last value.
   */
  public long awaitOperatorMetric(String jobId, String name, long expected) {
    AtomicLong value = new AtomicLong(-1);
    try {
      Awaitility.await(name + " metric")
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                value.set(operatorMetricSum(jobId, name));
                return value.get() == expected;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // The caller asserts on the value and reports it.
    }
    return value.get();
  }

  /**
   * How many times the job restarted ({@code numRestarts} job metric; the REST metric store fills a
   * moment after the job starts, so this polls for it within a bound).
   */
  public long restarts(String jobId) {
    AtomicLong value = new AtomicLong(-1);
    Awaitility.await("numRestarts of job " + jobId)
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              for (JsonNode a : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
                value.set((long) a.path("value").asDouble());
                return true;
              }
              return false;
            });
    return value.get();
  }
}
