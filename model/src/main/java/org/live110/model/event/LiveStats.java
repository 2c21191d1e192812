package org.live110.model.event;

import java.time.Instant;

/** The {@code live_stats} event of the contract. */
public record LiveStats(
    String eventId,
    Instant eventTime,
    String countyCode,
    String sessionId,
    /** a gauge: viewers at eventTime */
    long viewersOnline,
    /** increment */
    long newViewers,
    /** increment */
    long likes)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.LIVE_STATS;
  }
}
