package org.live110.model.output;

import java.time.Instant;

/**
 * A livestream session as the livestream monitor shows it, written to the compacted sessions topic
 * keyed by session id. Absolute; a reader keeps the highest version per session.
 *
 * @param status {@link #LIVE}, {@link #ENDED} or {@link #TIMED_OUT} (silent for too long)
 * @param title may be null
 * @param endedAt null while live
 * @param lastEventAt event time of the newest event of the session
 * @param viewersOnline viewers at lastEventAt (a gauge)
 * @param orders distinct paid orders sold in the session
 * @param salesFen Σ amount of those orders (refunds are not attributed to sessions)
 */
public record LiveSession(
    String sessionId,
    String countyCode,
    String hostId,
    String platform,
    String title,
    String status,
    Instant startedAt,
    Instant endedAt,
    Instant lastEventAt,
    long viewersOnline,
    long peakViewers,
    long newViewers,
    long likes,
    long orders,
    long salesFen,
    long version,
    Instant emittedAt) {
  public static final String LIVE = "live";
  public static final String ENDED = "ended";
  public static final String TIMED_OUT = "timed_out";

  public boolean isLive() {
    return LIVE.equals(status);
  }
}
