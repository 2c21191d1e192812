package org.live110.model.event;

import java.time.Instant;

/** The {@code content_exposure} event of the contract. */
public record ContentExposure(
    String eventId,
    Instant eventTime,
    String countyCode,
    String contentId,
    AuthorKind authorKind,
    String platform,
    /** increment since the previous report */
    long impressions,
    /** increment since the previous report */
    long reads)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.CONTENT_EXPOSURE;
  }
}
