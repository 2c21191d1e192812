package org.live110.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Compares a ground-truth file with the dashboard's {@code /api/progress}, figure by figure: every
 * KPI of every scope in the truth, the dead-letter total and each reason. Reasons missing from the
 * dashboard count as 0. Unknown fields on either side are ignored.
 */
public final class Verifier {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Verifier() {}

  /** One figure that differs; {@code actual} is null when the dashboard lacks it. */
  public record Difference(String scope, String figure, long expected, Long actual) {
    /** E.g. {@code county:622921 orders: expected 12, dashboard 11}. */
    public String line() {
      return String.format(
          Locale.ROOT,
          "%s %s: expected %d, dashboard %s",
          scope,
          figure,
          expected,
          actual == null ? "missing" : actual.toString());
    }
  }

  /** Every difference between the truth and a progress snapshot (empty when all match). */
  public static List<Difference> compare(JsonNode truth, JsonNode progress) {
    List<Difference> diffs = new ArrayList<>();
    JsonNode truthScopes = truth.path("scopes");
    JsonNode actualScopes = progress.path("scopes");
    for (Iterator<Map.Entry<String, JsonNode>> it = truthScopes.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> scope = it.next();
      JsonNode actualTotals = actualScopes.path(scope.getKey()).path("totals");
      for (Iterator<Map.Entry<String, JsonNode>> k = scope.getValue().path("totals").fields();
          k.hasNext(); ) {
        Map.Entry<String, JsonNode> kpi = k.next();
        JsonNode actual = actualTotals.path(kpi.getKey());
        compareOne(diffs, scope.getKey(), kpi.getKey(), kpi.getValue().asLong(), actual, false);
      }
    }
    JsonNode dl = truth.path("deadLetters");
    JsonNode actualDl = progress.path("deadLetters");
    compareOne(
        diffs, "deadLetters", "total", dl.path("total").asLong(), actualDl.path("total"), false);
    for (Iterator<Map.Entry<String, JsonNode>> it = dl.path("byReason").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> r = it.next();
      compareOne(
          diffs,
          "deadLetters",
          r.getKey(),
          r.getValue().asLong(),
          actualDl.path("byReason").path(r.getKey()),
          true);
    }
    return diffs;
  }

  private static void compareOne(
      List<Difference> diffs,
      String scope,
      String figure,
      long expected,
      JsonNode actual,
      boolean absentIsZero) {
    if (actual.isMissingNode() || actual.isNull()) {
      if (absentIsZero && expected == 0) {
        return;
      }
      diffs.add(new Difference(scope, figure, expected, absentIsZero ? 0L : null));
      return;
    }
    if (!actual.canConvertToLong() || actual.asLong() != expected) {
      diffs.add(new Difference(scope, figure, expected, actual.asLong()));
    }
  }

  /** Fetches {@code <dashboard>/api/progress}. */
  public static JsonNode fetchProgress(HttpClient http, URI dashboard)
      throws IOException, InterruptedException {
    URI uri = dashboard.resolve("/api/progress");
    HttpResponse<byte[]> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    return MAPPER.readTree(response.body());
  }

  /** Reads a truth file. */
  public static JsonNode readTruth(java.nio.file.Path file) throws IOException {
    JsonNode node = MAPPER.readTree(file.toFile());
    if (node == null || !node.path("scopes").isObject()) {
      throw new IOException(file + " is not a truth file: no scopes object");
    }
    return node;
  }
}
