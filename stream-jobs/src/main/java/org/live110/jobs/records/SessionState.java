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

  public boolean emitPending;

  public SessionState() {}
}
