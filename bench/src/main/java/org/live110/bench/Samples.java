package org.live110.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A fixed set of measured values with exact order statistics (a full sort, no histogram buckets).
 *
 * <p>Input: the raw measurements. Output: median, min, max, spread and any percentile, by the
 * nearest-rank method, so p99 of 1,000 samples is the 990th smallest value.
 */
public final class Samples {
  private final double[] sorted;

  private Samples(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(this.sorted);
  }

  /** Samples of the given values (any order). */
  public static Samples of(double... values) {
    return new Samples(values);
  }

  /** Samples of the given values (any order). */
  public static Samples of(List<? extends Number> values) {
    double[] v = new double[values.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = values.get(i).doubleValue();
    }
    return new Samples(v);
  }

  public int count() {
    return sorted.length;
  }

  public boolean isEmpty() {
    return sorted.length == 0;
  }

  public double min() {
    return sorted.length == 0 ? Double.NaN : sorted[0];
  }

  public double max() {
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
  }

  /** The median (mean of the two middle values for an even count). */
  public double median() {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** Nearest-rank percentile, {@code p} in (0, 100]. */
  public double percentile(double p) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    // the epsilon keeps binary fractions (99.9 / 100 * 1000 = 999.0000000000001) at their rank
    int rank = (int) Math.ceil(p * n / 100.0 - 1e-9);
    return sorted[Math.max(0, Math.min(n - 1, rank - 1))];
  }

  /** (max - min) / median: how far apart the repeats were, as a fraction of the median. */
  public double relativeSpread() {
    double m = median();
    return sorted.length < 2 || m == 0 ? 0 : (max() - min()) / m;
  }
}
