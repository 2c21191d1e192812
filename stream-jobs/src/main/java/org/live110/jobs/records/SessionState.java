package org.live110.jobs.records;

/**
 * Keyed state of one livestream session (see {@code SessionTracker}). Times are epoch millis, 0
 * when unknown.
 */
public class SessionState {
  public String sessionId;
  public String countyCode;
  public String hostId;
  public String platform;
  public String title;

  /** {@code LiveSession.LIVE|ENDED|TIMED_OUT}, or null while only orders have been seen. */
  public String status;

  public long startedAt;
  public long endedAt;
  public long lastEventAt;

  /** Event time of the live_stats that set {@link #viewersOnline} (a gauge: newest wins). */
  public long viewersAt;

  public long viewersOnline;
  public long peakViewers;
  public long newViewers;
  public long likes;
  public long orders;
  public long salesFen;
  public long version;

  /** The event-time timer currently registered for the silence timeout (0: none). */
  public long timeoutTimer;

  /**
   * Event time from which the state may be forgotten: the newest event time seen for the session
   * (live_* or order) + the retention. Only moves forward.
   */
  public long cleanupAt;

  /**
   * The event-time timer registered for the clean-up (0: none). It may lag behind {@link
   * #cleanupAt}: when it fires early it is re-armed at {@code cleanupAt} (see {@code
   * SessionTracker}).
   */
  public long cleanupTimer;

  public boolean emitPending;

  public SessionState() {}
}
