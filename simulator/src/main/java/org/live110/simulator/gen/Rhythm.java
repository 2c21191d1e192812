package org.live110.simulator.gen;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.util.Random;

/**
 * The campaign's rhythms as weights: which days of the year and which hours of the day an activity
 * happens in. Days combine a campaign ramp-up, the week, promotion peaks (618 in June, Double 11 in
 * November, Double 12), the county's harvest season and a lagging county's slow start; hours follow
 * each activity's daily profile (orders peak 19:00–22:00 with the evening livestreams).
 */
final class Rhythm {
  /** What happens; each has its own day and hour profile. */
  enum Activity {
    CONTENT,
    LIVE,
    ORDERS,
    SHOPS,
    TRAINING,
    HOUSEHOLDS
  }

  private static final double[] ORDER_HOURS = {
    0.5, 0.25, 0.12, 0.08, 0.06, 0.08, 0.2, 0.4, 0.6, 0.75, 0.85, 0.9, 1.0, 0.95, 0.85, 0.85, 0.9,
    0.95, 1.2, 2.2, 2.8, 2.5, 1.3, 0.8
  };
  private static final double[] LIVE_HOURS = {
    0.05, 0.02, 0.01, 0.01, 0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.3, 0.5, 0.5, 0.6, 0.6, 0.5,
    0.6, 1.5, 3.0, 2.5, 1.0, 0.3, 0.1
  };
  private static final double[] CONTENT_HOURS = {
    0.2, 0.08, 0.05, 0.05, 0.05, 0.1, 0.3, 0.6, 0.9, 1.0, 1.0, 1.0, 1.2, 0.9, 0.9, 0.9, 0.9, 1.0,
    1.2, 1.3, 1.3, 1.1, 0.7, 0.4
  };
  private static final double[] OFFICE_HOURS = {
    0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.1, 0.5, 1.0, 1.0, 0.9, 0.3, 0.4, 1.0, 1.0, 0.9, 0.6,
    0.2, 0.15, 0.1, 0.05, 0.02, 0.01
  };

  private static final long MILLIS_PER_HOUR = 3_600_000L;

  private Rhythm() {}

  /**
   * Cumulative day weights for one activity in one county over the campaign year (index = day of
   * the year, 0-based), normalized to end at 1.
   */
  static double[] dayCdf(Activity a, LocalDate firstDay, int days, CountyPlan county) {
    double[] cdf = new double[days];
    double sum = 0;
    for (int d = 0; d < days; d++) {
      sum += dayWeight(a, firstDay.plusDays(d), d, days, county);
      cdf[d] = sum;
    }
    for (int d = 0; d < days; d++) {
      cdf[d] /= sum;
    }
    return cdf;
  }

  static double dayWeight(Activity a, LocalDate day, int doy, int days, CountyPlan county) {
    double w;
    switch (a) {
      case CONTENT:
        w = ramp(doy) * weekdayContent(day) * (1 + 0.3 * (promo(day) - 1)) * harvest(county, doy);
        break;
      case LIVE:
      case ORDERS:
        w = ramp(doy) * weekend(day) * promo(day) * harvest(county, doy);
        break;
      case SHOPS:
        // Shops open and products are listed mostly early in the year, with a push before the
        // two big promotions.
        w = (Math.exp(-doy / 90.0) + 0.04) * office(day) * prePromo(day);
        break;
      case TRAINING:
        w = (0.35 + bump(doy, 100, 35) + bump(doy, 255, 30)) * office(day);
        break;
      case HOUSEHOLDS:
        // Households benefit over time: the reports grow through the year and after harvests.
        w = (0.25 + (double) doy / days) * office(day) * harvest(county, doy);
        break;
      default:
        throw new IllegalStateException("unknown activity " + a);
    }
    if (county.lagging()) {
      w *= doy < county.lagStartDay() ? 0.08 : 0.7;
    }
    return w;
  }

  /** The campaign warms up over its first five months. */
  private static double ramp(int doy) {
    return 0.4 + 0.6 * Math.min(1.0, doy / 150.0);
  }

  private static double weekend(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d == DayOfWeek.SATURDAY ? 1.2 : d == DayOfWeek.SUNDAY ? 1.25 : 1.0;
  }

  private static double weekdayContent(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY ? 0.85 : 1.05;
  }

  private static double office(LocalDate day) {
    DayOfWeek d = day.getDayOfWeek();
    return d == DayOfWeek.SATURDAY ? 0.3 : d == DayOfWeek.SUNDAY ? 0.2 : 1.0;
  }

  /** Promotion multipliers: 618 (June 1–18), Double 11 (November 1–11), Double 12. */
  static double promo(LocalDate day) {
    int m = day.getMonthValue();
    int d = day.getDayOfMonth();
    if (m == 6 && d == 18) {
      return 4.0;
    }
    if (m == 6 && d < 18) {
      return 1.5;
    }
    if (m == 11 && d == 11) {
      return 7.0;
    }
    if (m == 11 && d < 11) {
      return 1.6;
    }
    if (m == 12 && d == 12) {
      return 2.2;
    }
    return 1.0;
  }

  private static double prePromo(LocalDate day) {
    Month m = day.getMonth();
    return m == Month.MAY || m == Month.OCTOBER ? 1.6 : 1.0;
  }

  private static double harvest(CountyPlan county, int doy) {
    double center = county.product().harvestMonth() * 30.44 - 15;
    double dist = Math.abs(doy - center);
    dist = Math.min(dist, 365 - dist); // the year wraps: a January harvest follows December
    return 1 + 0.9 * Math.exp(-0.5 * (dist / 25) * (dist / 25));
  }

  private static double bump(int doy, double center, double width) {
    double x = (doy - center) / width;
    return Math.exp(-0.5 * x * x);
  }

  /** A random millisecond of the day for an activity, following its hourly profile. */
  static long sampleTimeOfDay(Activity a, LocalDate day, Random rng) {
    double[] hours;
    switch (a) {
      case ORDERS:
        hours = ORDER_HOURS;
        break;
      case LIVE:
        hours = LIVE_HOURS;
        break;
      case CONTENT:
        hours = CONTENT_HOURS;
        break;
      default:
        hours = OFFICE_HOURS;
    }
    double midnightRush = 1.0;
    if (a == Activity.ORDERS && promo(day) >= 4.0) {
      // On 618 and Double 11 the sales open at midnight.
      midnightRush = 8.0;
    }
    double total = 0;
    for (int h = 0; h < 24; h++) {
      total += h == 0 ? hours[h] * midnightRush : hours[h];
    }
    double x = rng.nextDouble() * total;
    int hour = 0;
    for (; hour < 23; hour++) {
      double w = hour == 0 ? hours[hour] * midnightRush : hours[hour];
      if (x < w) {
        break;
      }
      x -= w;
    }
    return hour * MILLIS_PER_HOUR + (long) (rng.nextDouble() * MILLIS_PER_HOUR);
  }

  /** Index of the first cdf entry above a uniform draw: a day sampled by weight. */
  static int sample(double[] cdf, Random rng) {
    double x = rng.nextDouble();
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
