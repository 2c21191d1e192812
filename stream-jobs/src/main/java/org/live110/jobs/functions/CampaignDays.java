package org.live110.jobs.functions;

/**
 * Campaign days ({@link CampaignClock#dayOf}, Asia/Shanghai) of instants, remembering the bounds of
 * the last day looked up: the county counter asks for the day of every event and of its clock, and
 * nearly always for the same day as the time before, where the calendar computation through {@code
 * java.time} was ~4 % of the job's samples. Not thread-safe; one per operator instance and purpose.
 */
final class CampaignDays {
  private long start = Long.MAX_VALUE;
  private long end = Long.MIN_VALUE;
  private long day;

  /** The campaign day (epoch day) of {@code epochMillis}. */
  long dayOf(long epochMillis) {
    if (epochMillis < start || epochMillis >= end) {
      day = CampaignClock.dayOf(epochMillis);
      start = CampaignClock.startOfNextDay(day - 1);
      end = CampaignClock.startOfNextDay(day);
    }
    return day;
  }

  /** Whether {@code epochMillis} is the first instant of its campaign day (a midnight). */
  boolean isStartOfDay(long epochMillis) {
    dayOf(epochMillis);
    return epochMillis == start;
  }

  /** The first instant after the day last returned by {@link #dayOf}. */
  long endOfDay() {
    return end;
  }
}
