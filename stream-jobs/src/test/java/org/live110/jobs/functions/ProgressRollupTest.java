package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.testing.Fixtures;
import org.live110.model.Kpi;
import org.live110.model.TestRegistries;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

class ProgressRollupTest {
  private static final Duration EMIT = Duration.ofMillis(100);
  private static final CountyRegistry REGISTRY = TestRegistries.examples();
  private static final CampaignCalendar CALENDAR = CampaignCalendar.defaultYear();
  private static final TargetBook TARGETS = TargetBook.plan(REGISTRY);

  private KeyedOneInputStreamOperatorTestHarness<String, CountyTotals, KeyedValue> harness;

  @BeforeEach
  void open() throws Exception {
    harness = newHarness();
    harness.setProcessingTime(0);
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, CountyTotals, KeyedValue>
      newHarness() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedProcessFunction(
        new ProgressRollup(
            REGISTRY, new SnapshotFactory(TARGETS, CALENDAR), new CampaignClock(CALENDAR), EMIT),
        t -> ProgressRollup.KEY,
        Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  private Map<String, ScopeSnapshot> latest() {
    Map<String, ScopeSnapshot> m = new TreeMap<>();
    for (KeyedValue v : harness.extractOutputValues()) {
      m.put(v.key, OutputJson.read(v.value, ScopeSnapshot.class));
    }
    return m;
  }

  /** A county's figures as its counter sends them, the counter's watermark at June 2, 01:00. */
  private static CountyTotals county(String code, long version, long orders, long sales) {
    return county(code, version, orders, sales, Fixtures.JUNE_2_1AM);
  }

  private static CountyTotals county(
      String code, long version, long orders, long sales, java.time.Instant counterClock) {
    CountyTotals t = CountyTotals.empty(code);
    t.clock = Fixtures.ms(counterClock);
    t.version = version;
    t.kpis[Kpi.ORDERS.ordinal()] = orders;
    t.kpis[Kpi.SALES_FEN.ordinal()] = sales;
    t.grossSalesFen = sales;
    return t;
  }

  @Test
  void theStartSignalEmitsEveryCountyWithZerosAndItsTargets() throws Exception {
    harness.processElement(ProgressRollup.start(), 0);
    harness.setProcessingTime(EMIT.toMillis());

    Map<String, ScopeSnapshot> out = latest();
    assertThat(out.keySet())
        .containsExactly(
            "all",
            "county:513431",
            "county:622921",
            "county:653223",
            "tier:core",
            "tier:radiating");
    ScopeSnapshot core = out.get("tier:core");
    assertThat(core.version()).isZero();
    assertThat(core.asOf()).isEqualTo(CALENDAR.start());
    for (Kpi kpi : Kpi.all()) {
      assertThat(core.total(kpi)).isZero();
      assertThat(core.targets().get(kpi.key())).isEqualTo(TARGETS.target("tier:core", kpi));
    }
  }

  @Test
  void sumsTheLatestCountyFiguresIntoTiersAndAll() throws Exception {
    harness.processElement(ProgressRollup.start(), 0);
    harness.processElement(county(Fixtures.LINXIA, 3, 3, 900), 0);
    harness.processElement(county(Fixtures.ZHAOJUE, 1, 1, 100), 0);
    harness.processElement(county(Fixtures.ZHAOJUE, 2, 2, 250), 0);
    harness.processElement(county(Fixtures.ZHAOJUE, 1, 1, 100), 0); // stale: ignored
    harness.processWatermark(Fixtures.ms(Fixtures.JUNE_1_10AM));
    harness.setProcessingTime(EMIT.toMillis());

    Map<String, ScopeSnapshot> out = latest();
    assertThat(out.get("all").total(Kpi.ORDERS)).isEqualTo(5);
    assertThat(out.get("all").total(Kpi.SALES_FEN)).isEqualTo(1150);
    assertThat(out.get("all").version()).isEqualTo(5);
    assertThat(out.get("tier:core").total(Kpi.SALES_FEN)).isEqualTo(900);
    assertThat(out.get("tier:radiating").total(Kpi.SALES_FEN)).isEqualTo(250);
    assertThat(out.get("all").asOf()).isEqualTo(Fixtures.JUNE_1_10AM);
    assertThat(out.get("all").progress().get("salesFen"))
        .isEqualTo(
            CALENDAR.progress(1150, TARGETS.target("all", Kpi.SALES_FEN), Fixtures.JUNE_1_10AM));
  }

  @Test
  void tiersAndAllAreReEmittedEverySecondWhileTheClockMoves() throws Exception {
    harness.processElement(ProgressRollup.start(), 0);
    harness.processElement(county(Fixtures.LINXIA, 1, 1, 100), 0);
    harness.setProcessingTime(EMIT.toMillis());
    int afterStart = harness.extractOutputValues().size();

    harness.setProcessingTime(1000); // tick, clock unchanged: nothing
    assertThat(harness.extractOutputValues()).hasSize(afterStart);

    harness.processWatermark(Fixtures.ms(Fixtures.JUNE_1_10AM));
    harness.setProcessingTime(2000); // tick, clock moved: tiers and all again
    assertThat(harness.extractOutputValues().subList(afterStart, afterStart + 3))
        .extracting(v -> v.key)
        .containsExactly("tier:core", "tier:radiating", "all");
    assertThat(harness.extractOutputValues()).hasSize(afterStart + 3);
  }

  @Test
  void afterARestoreTheClockDoesNotStepBackWhileTheWatermarkIsBehindTheOldOne() throws Exception {
    harness.processElement(ProgressRollup.start(), 0);
    harness.processElement(county(Fixtures.ZHAOJUE, 1, 0, 0), 0);
    harness.processWatermark(Fixtures.ms(Fixtures.JUNE_2_1AM));
    harness.setProcessingTime(1000); // the roll-up tick
    assertThat(latest().get("all").asOf()).isEqualTo(Fixtures.JUNE_2_1AM);
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1000);
    harness.close();

    // Built by hand: the harness factory opens it, and a restore must come before the opening.
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                new ProgressRollup(
                    REGISTRY,
                    new SnapshotFactory(TARGETS, CALENDAR),
                    new CampaignClock(CALENDAR),
                    EMIT)),
            t -> ProgressRollup.KEY,
            Types.STRING);
    harness.setProcessingTime(0);
    harness.initializeState(checkpoint);
    harness.open();
    harness.processWatermark(Fixtures.ms(Fixtures.JUNE_1_10AM)); // the restored inputs are behind
    harness.processElement(county(Fixtures.LINXIA, 1, 1, 100), 0);
    harness.setProcessingTime(2000);

    Map<String, ScopeSnapshot> out = latest();
    assertThat(out.get("county:" + Fixtures.LINXIA).asOf()).isEqualTo(Fixtures.JUNE_2_1AM);
    assertThat(out.get("all").asOf()).isEqualTo(Fixtures.JUNE_2_1AM);
    assertThat(out.get("all").total(Kpi.ORDERS)).isEqualTo(1);
  }

  @Test
  void whenEveryCounterInputIsIdleTheClockStaysAtWhatTheCountersReported() throws Exception {
    harness.processElement(ProgressRollup.start(), 0);
    harness.processElement(county(Fixtures.LINXIA, 1, 1, 100, Fixtures.JUNE_1_10AM), 0);
    harness.processWatermark(Fixtures.ms(Fixtures.JUNE_1_10AM));
    harness.setProcessingTime(EMIT.toMillis());
    assertThat(latest().get("all").asOf()).isEqualTo(Fixtures.JUNE_1_10AM);

    // The counters went idle: the finished start signal's end-of-time watermark is all that is
    // left, and the roll-up's watermark jumps to it (seen in the demo after every restart).
    harness.processWatermark(Long.MAX_VALUE);
    harness.setProcessingTime(1000); // the tick
    Map<String, ScopeSnapshot> idle = latest();
    assertThat(idle.get("all").asOf()).isEqualTo(Fixtures.JUNE_1_10AM);
    assertThat(idle.get("county:" + Fixtures.LINXIA).asOf()).isEqualTo(Fixtures.JUNE_1_10AM);
    assertThat(idle.get("all").day()).isEqualTo("2019-06-01");

    // The counters report again: the clock follows them.
    harness.processElement(county(Fixtures.LINXIA, 2, 2, 300, Fixtures.JUNE_2_1AM), 0);
    harness.setProcessingTime(2000);
    assertThat(latest().get("all").asOf()).isEqualTo(Fixtures.JUNE_2_1AM);
    assertThat(latest().get("all").total(Kpi.ORDERS)).isEqualTo(2);
  }
}
