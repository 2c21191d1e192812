package org.live110.model.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.live110.model.Kpi;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.KpiProgress;

class ScopeSnapshotTest {
  private static final Instant AS_OF = Instant.parse("2019-06-18T12:05:00Z");

  @Test
  void aNewerVersionWithNoFigureLowerSupersedes() {
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    assertThat(snapshot(11, 6, 1_500, 0).supersedes(held)).isTrue();
    assertThat(snapshot(11, 5, 1_000, 0).supersedes(null)).isTrue();
  }

  @Test
  void anOlderOrEqualVersionNeverSupersedes() {
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    assertThat(snapshot(10, 6, 2_000, 0).supersedes(held)).isFalse();
    assertThat(snapshot(9, 6, 2_000, 0).supersedes(held)).isFalse();
  }

  @Test
  void theSameVersionOnALaterClockSupersedesSoPaceAndTodayMove() {
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    assertThat(at(snapshot(10, 5, 1_000, 0), AS_OF.plusSeconds(60)).supersedes(held)).isTrue();
    assertThat(snapshot(10, 5, 1_000, 0).supersedes(held)).isFalse();
  }

  @Test
  void aClockThatRestartedBehindDoesNotHoldBackNewerFigures() {
    // a restored job's watermark restarts; with inputs out of event-time order it may never reach
    // the old one again, so only the figures decide
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    assertThat(at(snapshot(12, 6, 1_200, 0), AS_OF.minusSeconds(1)).supersedes(held)).isTrue();
  }

  @Test
  void aReplayedStateMissingSomethingTheReaderSawIsHeldBack() {
    // after a restore the job may reach version 11 by another interleaving that lacks one order
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    assertThat(snapshot(11, 4, 900, 0).supersedes(held)).isFalse();
  }

  @Test
  void aRefundMayLowerNetSalesButNotItsParts() {
    ScopeSnapshot held = snapshot(10, 5, 1_000, 0);
    ScopeSnapshot refunded = snapshot(11, 5, 1_000, 300);
    assertThat(refunded.total(Kpi.SALES_FEN)).isEqualTo(700);
    assertThat(refunded.supersedes(held)).isTrue();
    assertThat(snapshot(12, 5, 1_000, 200).supersedes(refunded)).isFalse();
  }

  @Test
  void roundTripsThroughJson() {
    ScopeSnapshot s = snapshot(10, 5, 1_000, 100);
    byte[] json = OutputJson.write(s);
    assertThat(OutputJson.read(json, ScopeSnapshot.class)).isEqualTo(s);
    assertThat(new String(json, java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"asOf\":\"2019-06-18T12:05:00Z\"")
        .contains("\"salesFen\":900");
  }

  @Test
  void readersIgnoreFieldsTheyDoNotKnow() {
    String json =
        "{\"version\":3,\"total\":3,\"byReason\":{\"bad_value\":3},\"emittedAt\":null,\"new\":1}";
    DeadLetterSummary d =
        OutputJson.read(
            json.getBytes(java.nio.charset.StandardCharsets.UTF_8), DeadLetterSummary.class);
    assertThat(d.byReason()).isEqualTo(Map.of("bad_value", 3L));
  }

  private static ScopeSnapshot at(ScopeSnapshot s, Instant asOf) {
    return new ScopeSnapshot(
        s.scope(),
        s.version(),
        asOf,
        s.totals(),
        s.grossSalesFen(),
        s.refundedFen(),
        s.livestreamSalesFen(),
        s.day(),
        s.today(),
        s.targets(),
        s.progress(),
        s.duplicates(),
        s.emittedAt());
  }

  private static ScopeSnapshot snapshot(long version, long orders, long gross, long refunded) {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (Kpi k : Kpi.all()) {
      totals.put(k.key(), 0L);
    }
    totals.put(Kpi.ORDERS.key(), orders);
    totals.put(Kpi.SALES_FEN.key(), gross - refunded);
    KpiProgress p = new CampaignCalendar(2019).progress(gross - refunded, 5_000L, AS_OF);
    return new ScopeSnapshot(
        "county:622921",
        version,
        AS_OF,
        totals,
        gross,
        refunded,
        0,
        "2019-06-18",
        totals,
        Map.of(Kpi.SALES_FEN.key(), 5_000L),
        Map.of(Kpi.SALES_FEN.key(), p),
        0,
        AS_OF);
  }
}
