package org.live110.model.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;
import org.live110.model.registry.RegistryException;

class TargetBookTest {
  /** 10 core counties 100001..100010, then 100 radiating 200001..200100, in that order. */
  private static final CountyRegistry SYNTHETIC = synthetic("");

  @Test
  void thePlanHasNineTargets() {
    List<AnnualTarget> plan = TargetBook.planTargets();
    assertThat(plan)
        .containsExactly(
            new AnnualTarget("tier:core", Kpi.EXPOSURE, 1_000_000_000L),
            new AnnualTarget("tier:core", Kpi.SALES_FEN, 1_000_000_000L),
            new AnnualTarget("tier:radiating", Kpi.SHOPS, 200L),
            new AnnualTarget("tier:radiating", Kpi.PRODUCTS, 1_000L),
            new AnnualTarget("tier:radiating", Kpi.SALES_FEN, 500_000_000L),
            new AnnualTarget("all", Kpi.TRAINEES, 7_000L),
            new AnnualTarget("all", Kpi.POSTS, 60_000L),
            new AnnualTarget("all", Kpi.READS, 60_000_000L),
            new AnnualTarget("all", Kpi.HOUSEHOLDS, 20_000L));
  }

  @Test
  void tierTargetsSplitEvenlyOverTheTiersCounties() {
    TargetBook book = TargetBook.plan(SYNTHETIC);
    assertThat(book.target("county:100001", Kpi.EXPOSURE)).isEqualTo(100_000_000L);
    assertThat(book.target("county:100001", Kpi.SALES_FEN)).isEqualTo(100_000_000L);
    assertThat(book.target("county:200001", Kpi.SALES_FEN)).isEqualTo(5_000_000L);
    assertThat(book.target("county:200001", Kpi.SHOPS)).isEqualTo(2L);
    assertThat(book.target("county:200001", Kpi.PRODUCTS)).isEqualTo(10L);
    assertThat(book.target("county:200001", Kpi.EXPOSURE)).isNull();
    assertThat(book.target("county:100001", Kpi.SHOPS)).isNull();
    assertThat(book.target("tier:radiating", Kpi.EXPOSURE)).isNull();
    assertThat(book.target("county:100001", Kpi.ORDERS)).isNull();
  }

  @Test
  void campaignTargetsSplitWithTheRemainderToTheFirstCounties() {
    TargetBook book = TargetBook.plan(SYNTHETIC);
    // 7000 / 110 = 63 remainder 70: the first 70 counties in registry order get 64
    assertThat(book.target("county:100001", Kpi.TRAINEES)).isEqualTo(64L);
    assertThat(book.target("county:200060", Kpi.TRAINEES)).isEqualTo(64L);
    assertThat(book.target("county:200061", Kpi.TRAINEES)).isEqualTo(63L);
    assertThat(book.target("tier:core", Kpi.TRAINEES)).isEqualTo(640L);
    assertThat(book.target("tier:radiating", Kpi.TRAINEES)).isEqualTo(6_360L);
    assertThat(book.target("all", Kpi.TRAINEES)).isEqualTo(7_000L);
    long sum = 0;
    for (County c : SYNTHETIC.counties()) {
      sum += book.target(c.scope(), Kpi.HOUSEHOLDS);
    }
    assertThat(sum).isEqualTo(20_000L);
  }

  @Test
  void campaignScopeSumsTheTierTargets() {
    TargetBook book = TargetBook.plan(SYNTHETIC);
    assertThat(book.target(Scopes.ALL, Kpi.SALES_FEN)).isEqualTo(1_500_000_000L);
    assertThat(book.target(Scopes.ALL, Kpi.EXPOSURE)).isEqualTo(1_000_000_000L);
    assertThat(book.target(Scopes.ALL, Kpi.SHOPS)).isEqualTo(200L);
    assertThat(book.targetsOf(Scopes.ALL)).doesNotContainKey(Kpi.ORDERS);
    assertThat(book.scopes()).hasSize(113).startsWith("all", "tier:core", "tier:radiating");
  }

  @Test
  void aRegistryOverrideReplacesTheEvenShare() {
    CountyRegistry reg = synthetic("salesFen");
    TargetBook book = TargetBook.plan(reg);
    // 100001 has its own 400,000,000; the other 9 core counties share the remaining 600,000,000
    assertThat(book.target("county:100001", Kpi.SALES_FEN)).isEqualTo(400_000_000L);
    assertThat(book.target("county:100002", Kpi.SALES_FEN)).isEqualTo(66_666_667L);
    assertThat(book.target("county:100010", Kpi.SALES_FEN)).isEqualTo(66_666_666L);
    assertThat(book.target(Tier.CORE.scope(), Kpi.SALES_FEN)).isEqualTo(1_000_000_000L);
  }

  @Test
  void aTargetsFileReplacesThePlan(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("targets.csv");
    Files.writeString(file, "# ours\nscope,kpi,value\nall,orders,1234\n");
    TargetBook book = TargetBook.of(TargetBook.load(file), SYNTHETIC);
    assertThat(book.targetsOf(Scopes.ALL)).isEqualTo(Map.of(Kpi.ORDERS, 1234L));
    assertThat(book.target("county:100001", Kpi.ORDERS)).isEqualTo(12L); // 1234/110 = 11 r 24
  }

  @Test
  void aBrokenTargetsFileNamesTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("targets.csv");
    Files.writeString(file, "scope,kpi,value\nall,orders,1234\ntier:gold,orders,5\n");
    assertThatThrownBy(() -> TargetBook.load(file))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("tier:gold");
    assertThatThrownBy(() -> TargetBook.load(dir.resolve("missing.csv")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("missing.csv");
  }

  static CountyRegistry synthetic(String overrideColumn) {
    StringBuilder csv = new StringBuilder("code,name,province,prefecture,tier,lon,lat");
    if (!overrideColumn.isEmpty()) {
      csv.append(',').append(overrideColumn);
    }
    csv.append('\n');
    for (int i = 1; i <= 110; i++) {
      boolean core = i <= 10;
      String code = core ? String.valueOf(100_000 + i) : String.valueOf(200_000 + i - 10);
      csv.append(code)
          .append(",县")
          .append(i)
          .append(",省,州,")
          .append(core ? "core" : "radiating")
          .append(",100.0,30.0");
      if (!overrideColumn.isEmpty()) {
        csv.append(',').append(i == 1 ? "400000000" : "");
      }
      csv.append('\n');
    }
    return CountyRegistry.parse(new StringReader(csv.toString()), "synthetic", 110);
  }
}
