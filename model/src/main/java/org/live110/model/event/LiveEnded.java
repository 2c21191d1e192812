package org.live110.model.event;

import java.time.Instant;

/** The {@code live_ended} event of the contract. */
public record LiveEnded(String eventId, Instant eventTime, String countyCode, String sessionId)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.LIVE_ENDED;
  }
}
