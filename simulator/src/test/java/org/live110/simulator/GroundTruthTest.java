package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.codec.RejectReason;
import org.live110.model.registry.County;
import org.live110.simulator.gen.CampaignYear;

/**
 * The truth file equals an independent count of the produced file: this test's own counter reads
 * each line as a JSON tree (after the contract parser has said whether it is valid) and keeps its
 * own sets and sums.
 */
class GroundTruthTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A year with every fault at a high rate, so that every rule is exercised many times. */
  private static final SimulationOptions FAULTY =
      Years.SMALL.withFaults(new FaultRates(0.05, 0.2, 0.05, 0.02, 0.02, 70_000));

  /** This test's own counter: county → kpi → value, and dead letters by reason. */
  private static final class Counter {
    final Map<String, Map<String, Long>> totals = new HashMap<>();
    final Map<String, Long> dead = new HashMap<>();
    final Set<String> seenEvents = new HashSet<>();
    final Set<String> seenIds = new HashSet<>();
    final EventParser parser =
        new EventParser(Years.REGISTRY, FAULTY.calendar(), EventParser.DEFAULT_MAX_BYTES);

    void line(byte[] bytes) throws Exception {
      ParseResult r = parser.parse(bytes);
      if (r instanceof ParseResult.Rejected rej) {
        dead.merge(rej.reason().code(), 1L, Long::sum);
        return;
      }
      JsonNode e = JSON.readTree(bytes);
      if (!seenEvents.add(e.get("eventId").asText())) {
        return;
      }
      String county = e.get("countyCode").asText();
      Map<String, Long> t = totals.computeIfAbsent(county, k -> new HashMap<>());
      switch (e.get("type").asText()) {
        case "content_published":
          if (e.get("authorKind").asText().equals("trainee")
              && seenIds.add(county + "/post/" + e.get("contentId").asText())) {
            t.merge("posts", 1L, Long::sum);
          }
          break;
        case "content_exposure":
          t.merge("exposure", e.get("impressions").asLong(), Long::sum);
          if (e.get("authorKind").asText().equals("trainee")) {
            t.merge("reads", e.get("reads").asLong(), Long::sum);
          }
          break;
        case "order_paid":
          if (seenIds.add(county + "/order/" + e.get("orderId").asText())) {
            t.merge("orders", 1L, Long::sum);
            t.merge("salesFen", e.get("amountFen").asLong(), Long::sum);
          }
          break;
        case "order_refunded":
          t.merge("salesFen", -e.get("amountFen").asLong(), Long::sum);
          break;
        case "shop_opened":
          if (seenIds.add(county + "/shop/" + e.get("shopId").asText())) {
            t.merge("shops", 1L, Long::sum);
          }
          break;
        case "product_listed":
          if (seenIds.add(county + "/product/" + e.get("productId").asText())) {
            t.merge("products", 1L, Long::sum);
          }
          break;
        case "training_attended":
          t.merge("trainees", 1L, Long::sum);
          break;
        case "household_benefited":
          if (seenIds.add(county + "/hh/" + e.get("householdId").asText())) {
            t.merge("households", 1L, Long::sum);
          }
          break;
        case "live_started":
          if (seenIds.add(county + "/live/" + e.get("sessionId").asText())) {
            t.merge("livestreams", 1L, Long::sum);
          }
          break;
        default:
          break;
      }
    }
  }

  @Test
  void truthFileEqualsAnIndependentCountOfTheProducedFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("year.jsonl");
    Path truthFile = dir.resolve("truth.json");
    GroundTruth truth = GroundTruth.forOptions(FAULTY);
    try (JsonLinesSink sink = JsonLinesSink.create(file)) {
      new Simulation(FAULTY, Double.POSITIVE_INFINITY).run(sink, truth);
    }
    truth.write(truthFile);

    Counter counter = new Counter();
    byte[] all = Files.readAllBytes(file);
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        counter.line(java.util.Arrays.copyOfRange(all, start, i));
        start = i + 1;
      }
    }

    JsonNode written = JSON.readTree(truthFile.toFile());
    long[] allTotals = new long[10];
    List<String> kpis = GroundTruth.kpiKeys();
    for (County c : Years.REGISTRY.counties()) {
      JsonNode county = written.path("scopes").path(c.scope()).path("totals");
      Map<String, Long> mine = counter.totals.getOrDefault(c.code(), Map.of());
      for (int k = 0; k < kpis.size(); k++) {
        String kpi = kpis.get(k);
        assertThat(county.path(kpi).asLong())
            .as(c.scope() + " " + kpi)
            .isEqualTo(mine.getOrDefault(kpi, 0L));
        allTotals[k] += mine.getOrDefault(kpi, 0L);
      }
    }
    for (int k = 0; k < kpis.size(); k++) {
      assertThat(written.path("scopes").path("all").path("totals").path(kpis.get(k)).asLong())
          .as("all " + kpis.get(k))
          .isEqualTo(allTotals[k]);
    }
    long dead = counter.dead.values().stream().mapToLong(Long::longValue).sum();
    assertThat(dead).isGreaterThan(100);
    assertThat(written.path("deadLetters").path("total").asLong()).isEqualTo(dead);
    for (RejectReason r : RejectReason.values()) {
      assertThat(written.path("deadLetters").path("byReason").path(r.code()).asLong())
          .as(r.code())
          .isEqualTo(counter.dead.getOrDefault(r.code(), 0L));
    }
    // Every figure the rules can move was moved: refunds, duplicates and paid-twice are present.
    assertThat(written.path("produced").path("duplicatesDropped").asLong()).isGreaterThan(100);
  }

  @Test
  void everyBadRecordIsRejectedForTheReasonItWasMadeFor() {
    CampaignYear year = new CampaignYear(FAULTY);
    GroundTruth truth = GroundTruth.forOptions(FAULTY);
    year.forEachRemaining(r -> truth.accept(r.value()));
    Map<RejectReason, Long> intended = year.badRecordsByIntent();
    assertThat(intended.values()).allMatch(n -> n > 0);
    assertThat(truth.deadLetters()).isEqualTo(intended);
  }

  @Test
  void tiersAndAllAreSumsOfTheirCounties() {
    GroundTruth truth = GroundTruth.forOptions(Years.SMALL);
    new CampaignYear(Years.SMALL).forEachRemaining(r -> truth.accept(r.value()));
    var totals = truth.totals();
    for (var kpi : org.live110.model.Kpi.all()) {
      long core = totals.get("tier:core").get(kpi);
      long radiating = totals.get("tier:radiating").get(kpi);
      assertThat(totals.get("all").get(kpi)).as(kpi.key()).isEqualTo(core + radiating);
      long sum = 0;
      for (County c : Years.REGISTRY.counties()) {
        sum += totals.get(c.scope()).get(kpi);
      }
      assertThat(sum).isEqualTo(core + radiating);
    }
  }
}
