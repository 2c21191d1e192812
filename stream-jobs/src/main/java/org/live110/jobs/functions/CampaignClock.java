package org.live110.jobs.functions;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import org.live110.model.plan.CampaignCalendar;

/**
 * Turns an operator's watermark into the campaign clock: the campaign start before the first
 * watermark, the watermark clamped to the campaign year otherwise (the end-of-input watermark
 * {@code Long.MAX_VALUE} reads as the year's end). Days are Asia/Shanghai calendar days.
 */
public final class CampaignClock implements Serializable {
  private static final long serialVersionUID = 1L;

  private final CampaignCalendar calendar;

  public CampaignClock(CampaignCalendar calendar) {
    this.calendar = calendar;
  }

  public CampaignCalendar calendar() {
    return calendar;
  }

  /** The clock (epoch millis) at a watermark. */
  public long at(long watermark) {
    long start = calendar.start().toEpochMilli();
    long end = calendar.end().toEpochMilli();
    if (watermark == Long.MIN_VALUE || watermark < start) {
      return start;
    }
    return Math.min(watermark, end);
  }

  /** The campaign day (epoch day) the clock shows at a watermark; the last day at the end. */
  public long dayAt(long watermark) {
    return dayOf(dayInstantAt(watermark));
  }

  /**
   * An instant of the day {@link #dayAt} shows: the clock, or the year's last instant at its end.
   */
  public long dayInstantAt(long watermark) {
    return Math.min(at(watermark), calendar.end().toEpochMilli() - 1);
  }

  public static long dayOf(long epochMillis) {
    return CampaignCalendar.dayOf(Instant.ofEpochMilli(epochMillis)).toEpochDay();
  }

  /** First instant (epoch millis) of the day after {@code epochDay}, Asia/Shanghai. */
  public static long startOfNextDay(long epochDay) {
    return LocalDate.ofEpochDay(epochDay + 1)
        .atStartOfDay(CampaignCalendar.ZONE)
        .toInstant()
        .toEpochMilli();
  }
}
