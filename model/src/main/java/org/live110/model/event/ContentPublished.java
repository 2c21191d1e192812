package org.live110.model.event;

import java.time.Instant;

/** The {@code content_published} event of the contract. */
public record ContentPublished(
    String eventId,
    Instant eventTime,
    String countyCode,
    String contentId,
    AuthorKind authorKind,
    String platform,
    /** null unless authorKind is trainee */
    String traineeId)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.CONTENT_PUBLISHED;
  }
}
