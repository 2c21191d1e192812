package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.live110.model.Kpi;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.OrderPaid;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.County;

/** The year tells the campaign's story: every county active, core ≫ radiating, rhythms, peaks. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealismTest {
  private static final SimulationOptions OPTIONS =
      SimulationOptions.defaults(3, Years.REGISTRY).withEvents(50_000);

  private Map<String, Map<Kpi, Long>> totals;
  private final long[] ordersByHour = new long[24];
  private final long[] ordersByDay = new long[366];

  @BeforeAll
  void generate() {
    GroundTruth truth = GroundTruth.forOptions(OPTIONS);
    EventParser parser = new EventParser(Years.REGISTRY, OPTIONS.calendar());
    List<SimRecord> records = Years.records(OPTIONS);
    for (SimRecord r : records) {
      truth.accept(r.value());
      if (r.fault() == Fault.NONE && parser.parse(r.value()) instanceof ParseResult.Accepted a) {
        CampaignEvent e = a.event();
        if (e instanceof OrderPaid) {
          LocalDateTime t = LocalDateTime.ofInstant(e.eventTime(), CampaignCalendar.ZONE);
          ordersByHour[t.getHour()]++;
          ordersByDay[t.getDayOfYear() - 1]++;
        }
      }
    }
    totals = truth.totals();
  }

  @Test
  void all110CountiesAreActive() {
    assertThat(Years.REGISTRY.counties()).hasSize(110);
    for (County c : Years.REGISTRY.counties()) {
      Map<Kpi, Long> t = totals.get(c.scope());
      assertThat(t.get(Kpi.POSTS)).as(c.scope() + " posts").isPositive();
      assertThat(t.get(Kpi.EXPOSURE)).as(c.scope() + " exposure").isPositive();
      assertThat(t.get(Kpi.ORDERS)).as(c.scope() + " orders").isPositive();
      assertThat(t.get(Kpi.LIVESTREAMS)).as(c.scope() + " livestreams").isPositive();
      assertThat(t.get(Kpi.SHOPS)).as(c.scope() + " shops").isPositive();
    }
  }

  @Test
  void coreCountiesAreMuchBiggerThanRadiatingOnes() {
    long core = totals.get("tier:core").get(Kpi.SALES_FEN) / 10;
    long radiating = totals.get("tier:radiating").get(Kpi.SALES_FEN) / 100;
    assertThat(core).isGreaterThan(5 * radiating);
    long coreExposure = totals.get("tier:core").get(Kpi.EXPOSURE) / 10;
    long radExposure = totals.get("tier:radiating").get(Kpi.EXPOSURE) / 100;
    assertThat(coreExposure).isGreaterThan(5 * radExposure);
  }

  @Test
  void ordersPeakInTheEveningLivestreamHours() {
    long total = 0;
    for (long n : ordersByHour) {
      total += n;
    }
    double eveningPerHour = (ordersByHour[19] + ordersByHour[20] + ordersByHour[21]) / 3.0 / total;
    double otherPerHour =
        (total - ordersByHour[19] - ordersByHour[20] - ordersByHour[21]) / 21.0 / total;
    assertThat(eveningPerHour).isGreaterThan(2 * otherPerHour);
  }

  @Test
  void double11And618ArePromotionPeaks() {
    long total = 0;
    for (long n : ordersByDay) {
      total += n;
    }
    double perDay = total / 365.0;
    assertThat(ordersByDay[314]).as("11 November").isGreaterThan((long) (4 * perDay));
    assertThat(ordersByDay[168]).as("18 June").isGreaterThan((long) (2 * perDay));
  }

  @Test
  void someCountiesLagFarBehindTheirPeers() {
    // Lagging counties end well below the median of their tier.
    long[] sales =
        Years.REGISTRY.counties().stream()
            .filter(c -> c.tier() == org.live110.model.Tier.RADIATING)
            .mapToLong(c -> totals.get(c.scope()).get(Kpi.SALES_FEN))
            .sorted()
            .toArray();
    assertThat(sales[0]).isLessThan(sales[sales.length / 2] / 3);
  }
}
