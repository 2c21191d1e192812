package org.live110.model.event;

import java.time.Instant;

/** The {@code live_started} event of the contract. */
public record LiveStarted(
    String eventId,
    Instant eventTime,
    String countyCode,
    String sessionId,
    String hostId,
    String platform,
    /** optional, may be null */
    String title)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.LIVE_STARTED;
  }
}
