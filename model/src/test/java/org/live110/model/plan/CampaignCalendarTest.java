package org.live110.model.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class CampaignCalendarTest {
  private static final CampaignCalendar Y2019 = new CampaignCalendar(2019);
  private static final long YEAR_2019_MS = 365L * 86_400_000L;
  private static final Instant FIRST_INSTANT = Instant.parse("2018-12-31T16:00:00Z");
  private static final Instant END_2019 = Instant.parse("2019-12-31T16:00:00Z");

  @Test
  void theYearRunsFromNewYearToNewYearInShanghai() {
    assertThat(Y2019.start()).isEqualTo(FIRST_INSTANT);
    assertThat(Y2019.end()).isEqualTo(END_2019);
    assertThat(Y2019.lengthMillis()).isEqualTo(YEAR_2019_MS);
    assertThat(Y2019.contains(FIRST_INSTANT)).isTrue();
    assertThat(Y2019.contains(FIRST_INSTANT.minusMillis(1))).isFalse();
    assertThat(Y2019.contains(END_2019.minusMillis(1))).isTrue();
    assertThat(Y2019.contains(END_2019)).isFalse();
  }

  @Test
  void aLeapYearHas366Days() {
    assertThat(new CampaignCalendar(2020).lengthMillis()).isEqualTo(366L * 86_400_000L);
    assertThat(new CampaignCalendar(2020).elapsedFraction(Instant.parse("2020-02-29T16:00:00Z")))
        .isEqualTo(60.0 / 366.0);
  }

  @Test
  void elapsedFractionAtTheEdges() {
    assertThat(Y2019.elapsedFraction(FIRST_INSTANT.minusSeconds(3600))).isEqualTo(0.0);
    assertThat(Y2019.elapsedFraction(FIRST_INSTANT)).isEqualTo(0.0);
    assertThat(Y2019.elapsedFraction(FIRST_INSTANT.plusSeconds(1)))
        .isEqualTo(1000.0 / YEAR_2019_MS);
    assertThat(Y2019.elapsedFraction(END_2019.minusMillis(1)))
        .isEqualTo((YEAR_2019_MS - 1.0) / YEAR_2019_MS);
    assertThat(Y2019.elapsedFraction(END_2019)).isEqualTo(1.0);
    assertThat(Y2019.elapsedFraction(END_2019.plusSeconds(86_400))).isEqualTo(1.0);
    // 2 July 12:00 Shanghai is day 182.5 of 365
    assertThat(Y2019.elapsedFraction(Instant.parse("2019-07-02T04:00:00Z"))).isEqualTo(0.5);
  }

  @Test
  void remainingDays() {
    assertThat(Y2019.remainingDays(FIRST_INSTANT.minusSeconds(10))).isEqualTo(365.0);
    assertThat(Y2019.remainingDays(Instant.parse("2019-12-30T16:00:00Z"))).isEqualTo(1.0);
    assertThat(Y2019.remainingDays(END_2019)).isEqualTo(0.0);
  }

  @Test
  void progressAtMidYear() {
    Instant mid = Instant.parse("2019-07-02T04:00:00Z");
    KpiProgress p = Y2019.progress(3_000, 7_000L, mid);
    assertThat(p.value()).isEqualTo(3_000);
    assertThat(p.target()).isEqualTo(7_000L);
    assertThat(p.progress()).isEqualTo(3_000.0 / 7_000.0);
    assertThat(p.expected()).isEqualTo(0.5);
    // 0.4286 / 0.5 = 0.857: between 80% and 95% of the pace
    assertThat(p.pace()).isEqualTo(PaceStatus.BEHIND);
    assertThat(p.projection()).isEqualTo(6_000);
    // 4000 missing over 182.5 days = 21.9 -> 22 a day
    assertThat(p.dailyRateNeeded()).isEqualTo(22L);
  }

  @Test
  void progressWithoutTargetHasNoPace() {
    KpiProgress p = Y2019.progress(5, null, Instant.parse("2019-07-02T04:00:00Z"));
    assertThat(p.target()).isNull();
    assertThat(p.progress()).isNull();
    assertThat(p.pace()).isNull();
    assertThat(p.dailyRateNeeded()).isNull();
    assertThat(p.projection()).isEqualTo(10);
  }

  @Test
  void beforeTheStartNothingIsBehindAndAfterTheEndTheShortfallRemains() {
    KpiProgress before = Y2019.progress(0, 7_000L, FIRST_INSTANT.minusSeconds(1));
    assertThat(before.pace()).isEqualTo(PaceStatus.ON_TRACK);
    assertThat(before.expected()).isEqualTo(0.0);
    assertThat(before.projection()).isEqualTo(0);
    assertThat(before.dailyRateNeeded()).isEqualTo(20L); // 7000 / 365 = 19.2 -> 20

    KpiProgress after = Y2019.progress(6_000, 7_000L, END_2019.plusSeconds(5));
    assertThat(after.pace()).isEqualTo(PaceStatus.BEHIND);
    assertThat(after.projection()).isEqualTo(6_000);
    assertThat(after.dailyRateNeeded()).isEqualTo(1_000L);
  }

  @Test
  void aMetTargetIsAheadAndNeedsNothingMore() {
    KpiProgress p = Y2019.progress(8_000, 7_000L, Instant.parse("2019-03-01T00:00:00Z"));
    assertThat(p.pace()).isEqualTo(PaceStatus.AHEAD);
    assertThat(p.dailyRateNeeded()).isEqualTo(0L);
  }

  @Test
  void paceThresholds() {
    assertThat(PaceStatus.of(0.55, 0.5)).isEqualTo(PaceStatus.AHEAD); // 1.10
    assertThat(PaceStatus.of(0.5499, 0.5)).isEqualTo(PaceStatus.ON_TRACK);
    assertThat(PaceStatus.of(0.475, 0.5)).isEqualTo(PaceStatus.ON_TRACK); // 0.95
    assertThat(PaceStatus.of(0.4749, 0.5)).isEqualTo(PaceStatus.BEHIND);
    assertThat(PaceStatus.of(0.40, 0.5)).isEqualTo(PaceStatus.BEHIND); // 0.80
    assertThat(PaceStatus.of(0.3999, 0.5)).isEqualTo(PaceStatus.AT_RISK);
    assertThat(PaceStatus.of(1.0, 0.99)).isEqualTo(PaceStatus.AHEAD);
    assertThat(PaceStatus.of(0.0, 0.0)).isEqualTo(PaceStatus.ON_TRACK);
  }

  @Test
  void dayOfUsesShanghaiMidnight() {
    assertThat(CampaignCalendar.dayOf(Instant.parse("2019-06-18T15:59:59Z")))
        .isEqualTo(LocalDate.of(2019, 6, 18));
    assertThat(CampaignCalendar.dayOf(Instant.parse("2019-06-18T16:00:00Z")))
        .isEqualTo(LocalDate.of(2019, 6, 19));
  }

  @Test
  void refusesAbsurdYears() {
    assertThatThrownBy(() -> new CampaignCalendar(1900)).hasMessageContaining("1900");
  }
}
