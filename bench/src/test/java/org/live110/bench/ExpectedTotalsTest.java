package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.GroundTruth;

/**
 * The bench's own count of the preloaded input (which decides when a job has drained and whether
 * the SQL peer is right) agrees with the simulator's ground truth, an independent implementation.
 */
class ExpectedTotalsTest {
  private static final long EVENTS = 20_000;
  private static final long SEED = 11;

  @Test
  void countsASimulatedYearExactlyAsTheSimulatorsGroundTruth() {
    CountyRegistry registry = CountyRegistry.sample();
    CampaignCalendar calendar = CampaignCalendar.defaultYear();
    EventParser parser = new EventParser(registry, calendar);
    ExpectedTotals mine = new ExpectedTotals(parser);
    GroundTruth truth = new GroundTruth(registry, calendar, EventParser.DEFAULT_MAX_BYTES);
    Iterator<FeedRecord> year = new SimulatorFeed(registry).year(EVENTS, SEED, Topics.DEFAULT);
    while (year.hasNext()) {
      byte[] value = year.next().value();
      mine.add(value);
      truth.accept(value);
    }
    ExpectedTotals.Totals t = mine.freeze();

    assertThat(t.records()).isEqualTo(truth.records());
    assertThat(t.duplicates()).isEqualTo(truth.duplicates());
    assertThat(t.all()).isEqualTo(truth.totals().get(Scopes.ALL));
    for (Map.Entry<String, Map<Kpi, Long>> county : t.byCounty().entrySet()) {
      assertThat(county.getValue())
          .as(county.getKey())
          .isEqualTo(truth.totals().get(Scopes.county(county.getKey())));
    }
    Map<String, Long> reasons = new TreeMap<>();
    truth
        .deadLetters()
        .forEach(
            (r, n) -> {
              if (n > 0) {
                reasons.put(r.code(), n);
              }
            });
    assertThat(t.deadLetters()).isEqualTo(reasons);
    assertThat(t.deadLetterTotal()).isPositive();
    assertThat(t.counted()).isEqualTo(t.records() - t.duplicates() - t.deadLetterTotal());
  }
}
