package org.live110.model.plan;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The campaign year on the Asia/Shanghai calendar: from 1 January 00:00 (inclusive) to the next 1
 * January 00:00 (exclusive). Answers where in the year an instant lies and what that means for a
 * target: expected progress, pace, linear projection and the daily rate still needed.
 */
public final class CampaignCalendar implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  public static final int DEFAULT_YEAR = 2019;
  private static final double MILLIS_PER_DAY = Duration.ofDays(1).toMillis();

  private final int year;
  private final Instant start;
  private final Instant end;

  public CampaignCalendar(int year) {
    if (year < 2000 || year > 2100) {
      throw new IllegalArgumentException("campaign year " + year + " is outside 2000..2100");
    }
    this.year = year;
    this.start = LocalDate.of(year, 1, 1).atStartOfDay(ZONE).toInstant();
    this.end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZONE).toInstant();
  }

  public static CampaignCalendar defaultYear() {
    return new CampaignCalendar(DEFAULT_YEAR);
  }

  public int year() {
    return year;
  }

  /** First instant of the year (inclusive). */
  public Instant start() {
    return start;
  }

  /** First instant after the year (exclusive). */
  public Instant end() {
    return end;
  }

  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  public long lengthMillis() {
    return end.toEpochMilli() - start.toEpochMilli();
  }

  /** The calendar day of an instant in the campaign's time zone. */
  public static LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, ZONE);
  }

  /** Fraction of the year elapsed at {@code t}: 0 before the start, 1 from the end on. */
  public double elapsedFraction(Instant t) {
    long elapsed = t.toEpochMilli() - start.toEpochMilli();
    if (elapsed <= 0) {
      return 0.0;
    }
    long length = lengthMillis();
    if (elapsed >= length) {
      return 1.0;
    }
    return (double) elapsed / length;
  }

  /** Days left in the year at {@code t} (fractional, never negative). */
  public double remainingDays(Instant t) {
    long left = end.toEpochMilli() - Math.max(t.toEpochMilli(), start.toEpochMilli());
    return left <= 0 ? 0.0 : left / MILLIS_PER_DAY;
  }

  /**
   * The progress of a KPI against its target at {@code asOf}.
   *
   * @param target the annual target, or null when the KPI has none in this scope
   */
  public KpiProgress progress(long value, Long target, Instant asOf) {
    double expected = elapsedFraction(asOf);
    long projection = projection(value, expected);
    if (target == null || target <= 0) {
      return new KpiProgress(value, null, null, expected, null, projection, null);
    }
    double progress = (double) value / target;
    return new KpiProgress(
        value,
        target,
        progress,
        expected,
        PaceStatus.of(progress, expected),
        projection,
        dailyRateNeeded(value, target, asOf));
  }

  /** Linear year-end projection: the value divided by the elapsed fraction, rounded down. */
  static long projection(long value, double elapsed) {
    if (elapsed <= 0.0 || elapsed >= 1.0) {
      return value;
    }
    return (long) Math.floor(value / elapsed);
  }

  /**
   * What must be added per remaining day to meet the target, rounded up to a whole unit; 0 when
   * met. With no time left and the target missed, it is the whole shortfall.
   */
  long dailyRateNeeded(long value, long target, Instant asOf) {
    long shortfall = target - value;
    if (shortfall <= 0) {
      return 0;
    }
    double days = remainingDays(asOf);
    if (days < 1.0) {
      // In the last day every missing unit is needed now.
      return shortfall;
    }
    return (long) Math.ceil(shortfall / days);
  }
}
