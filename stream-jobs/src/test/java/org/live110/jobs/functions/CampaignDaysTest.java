package org.live110.jobs.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.live110.model.plan.CampaignCalendar;

class CampaignDaysTest {
  private static long shanghai(int month, int day, int hour, int minute) {
    return ZonedDateTime.of(2019, month, day, hour, minute, 0, 0, CampaignCalendar.ZONE)
        .toInstant()
        .toEpochMilli();
  }

  @Test
  void remembersTheLastDayButAnswersLikeTheCalendarEverywhere() {
    CampaignDays days = new CampaignDays();
    long midnight = shanghai(6, 2, 0, 0);
    // back and forth across a midnight, in any order: every answer is the calendar's
    long[] times = {
      midnight - 1,
      midnight,
      midnight + 1,
      midnight - 1,
      shanghai(6, 1, 10, 0),
      midnight + 86_399_999,
      midnight + 86_400_000,
      Long.MIN_VALUE / 4,
      shanghai(12, 31, 23, 59),
      midnight
    };
    for (long t : times) {
      assertThat(days.dayOf(t)).as("day of %d", t).isEqualTo(CampaignClock.dayOf(t));
      assertThat(days.endOfDay()).isEqualTo(CampaignClock.startOfNextDay(CampaignClock.dayOf(t)));
    }
    assertThat(days.isStartOfDay(midnight)).isTrue();
    assertThat(days.isStartOfDay(midnight + 1)).isFalse();
    assertThat(days.isStartOfDay(midnight - 1)).isFalse();
    // 16:00 UTC is midnight in Shanghai
    assertThat(days.isStartOfDay(shanghai(6, 3, 0, 0))).isTrue();
  }
}
