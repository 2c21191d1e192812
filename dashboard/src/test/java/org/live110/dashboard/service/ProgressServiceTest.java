package org.live110.dashboard.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.dashboard.Fixtures.AS_OF;
import static org.live110.dashboard.Fixtures.CALENDAR;
import static org.live110.dashboard.Fixtures.CORE_COUNTY;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.REGISTRY;
import static org.live110.dashboard.Fixtures.TARGETS;
import static org.live110.dashboard.Fixtures.snapshot;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.live110.dashboard.Fixtures;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.plan.KpiProgress;

class ProgressServiceTest {
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(EMITTED.plusSeconds(1));
  private final ProgressView view = Fixtures.view(clock);
  private final ProgressService service =
      new ProgressService(REGISTRY, TARGETS, CALENDAR, view, Duration.ofSeconds(30));

  @Test
  void beforeAnyDataEveryScopeIsZeroWithItsTargets() {
    ApiJson.ProgressResponse p = service.progress();
    assertThat(p.asOf()).isNull();
    assertThat(p.updatedAt()).isNull();
    assertThat(p.stale()).isTrue();
    assertThat(p.scopes().keySet())
        .containsExactly(
            "all",
            "tier:core",
            "tier:radiating",
            "county:622921",
            "county:513431",
            "county:653223");
    ApiJson.Scope core = p.scopes().get(Tier.CORE.scope());
    assertThat(core.version()).isZero();
    assertThat(core.totals()).hasSize(10).allSatisfy((k, v) -> assertThat(v).isZero());
    // The plan: core counties together, 1e9 exposure and 10,000,000 CNY of sales.
    assertThat(core.targets()).containsEntry("exposure", 1_000_000_000L);
    assertThat(core.targets()).containsEntry("salesFen", 1_000_000_000L);
    assertThat(core.progress().get("salesFen").pace()).isEqualTo("on_track");
    assertThat(p.deadLetters().total()).isZero();
    assertThat(p.deadLetters().byReason()).containsEntry("unknown_county", 0L).hasSize(8);
  }

  @Test
  void progressOfEveryScopeIsComputedAtTheGlobalCampaignClock() {
    view.apply(snapshot(Scopes.ALL, 9, 300, AS_OF));
    // The county's own snapshot is older; its expected progress still uses the global clock.
    view.apply(snapshot(Scopes.county(CORE_COUNTY), 3, 100, AS_OF.minusSeconds(86_400)));

    ApiJson.ProgressResponse p = service.progress();
    assertThat(p.asOf()).isEqualTo("2019-06-18T20:05:00+08:00");
    ApiJson.Scope county = p.scopes().get(Scopes.county(CORE_COUNTY));
    assertThat(county.version()).isEqualTo(3);
    assertThat(county.totals().get("salesFen")).isEqualTo(10_000L);

    Long target = TARGETS.target(Scopes.county(CORE_COUNTY), Kpi.SALES_FEN);
    KpiProgress expected = CALENDAR.progress(10_000L, target, AS_OF);
    ApiJson.Progress sales = county.progress().get("salesFen");
    assertThat(sales.target()).isEqualTo(target);
    assertThat(sales.expected()).isEqualTo(expected.expected());
    assertThat(sales.progress()).isEqualTo(expected.progress());
    assertThat(sales.pace()).isEqualTo(expected.pace().key());
    assertThat(sales.projection()).isEqualTo(expected.projection());
    assertThat(sales.dailyRateNeeded()).isEqualTo(expected.dailyRateNeeded());
    // The snapshot's "today" was for the day before: today it has counted nothing.
    assertThat(county.day()).isEqualTo("2019-06-18");
    assertThat(county.today()).allSatisfy((k, v) -> assertThat(v).isZero());
    assertThat(p.scopes().get(Scopes.ALL).today()).containsEntry("orders", 1L);
  }

  @Test
  void csvHasAHeaderAndOneRowPerCountyWithEmptyCellsWithoutTarget() {
    view.apply(snapshot(Scopes.county(CORE_COUNTY), 3, 100, AS_OF));
    String csv = new CsvReport(REGISTRY, service).render();
    assertThat(csv).startsWith("\uFEFFcode,name,province,tier,exposure,exposure_target,");
    List<String> lines = List.of(csv.substring(1).split("\r\n"));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(0).split(",", -1)).hasSize(4 + 4 * 10);
    String[] core = lines.get(1).split(",", -1);
    assertThat(core).hasSize(44);
    assertThat(List.of(core).subList(0, 4)).containsExactly(CORE_COUNTY, "临夏县", "甘肃省", "core");
    Long target = TARGETS.target(Scopes.county(CORE_COUNTY), Kpi.EXPOSURE);
    KpiProgress p = CALENDAR.progress(100, target, AS_OF);
    assertThat(core[4]).isEqualTo("100");
    assertThat(core[5]).isEqualTo(Long.toString(target));
    assertThat(core[6])
        .isEqualTo(
            new java.math.BigDecimal(p.progress())
                .setScale(6, java.math.RoundingMode.HALF_UP)
                .toPlainString());
    assertThat(core[7]).isEqualTo(p.pace().key());
    // livestreams (last KPI) has no target anywhere: value then three empty cells.
    assertThat(List.of(core).subList(40, 44)).containsExactly("100", "", "", "");
  }

  @Test
  void csvCellsAreQuotedAndFormulasDefused() {
    assertThat(CsvReport.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvReport.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(CsvReport.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(CsvReport.cell("-12")).isEqualTo("-12");
  }
}
