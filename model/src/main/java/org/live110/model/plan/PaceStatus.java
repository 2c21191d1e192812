package org.live110.model.plan;

/**
 * Whether a KPI is on pace for its annual target. The thresholds live here and only here; see
 * {@link #of(double, double)}.
 */
public enum PaceStatus {
  /** At least 10% ahead of where the calendar says it should be, or the target is already met. */
  AHEAD("ahead", "超前"),
  /** Within 95%..110% of the expected progress. */
  ON_TRACK("on_track", "正常"),
  /** 80%..95% of the expected progress. */
  BEHIND("behind", "落后"),
  /** Below 80% of the expected progress: the target is in danger. */
  AT_RISK("at_risk", "风险");

  /** progress/expected at or above this is {@link #AHEAD}. */
  public static final double AHEAD_RATIO = 1.10;

  /** progress/expected at or above this (and below AHEAD_RATIO) is {@link #ON_TRACK}. */
  public static final double ON_TRACK_RATIO = 0.95;

  /** progress/expected at or above this (and below ON_TRACK_RATIO) is {@link #BEHIND}. */
  public static final double BEHIND_RATIO = 0.80;

  private final String key;
  private final String chineseName;

  PaceStatus(String key, String chineseName) {
    this.key = key;
    this.chineseName = chineseName;
  }

  public String key() {
    return key;
  }

  public String chineseName() {
    return chineseName;
  }

  /**
   * The status of a KPI whose progress (value/target) is {@code progress} when the calendar expects
   * {@code expected} (elapsed fraction of the year).
   */
  public static PaceStatus of(double progress, double expected) {
    if (progress >= 1.0) {
      return AHEAD;
    }
    if (expected <= 0.0) {
      // Before the first second of the year nothing can be behind.
      return ON_TRACK;
    }
    double ratio = progress / expected;
    if (ratio >= AHEAD_RATIO) {
      return AHEAD;
    }
    if (ratio >= ON_TRACK_RATIO) {
      return ON_TRACK;
    }
    if (ratio >= BEHIND_RATIO) {
      return BEHIND;
    }
    return AT_RISK;
  }
}
