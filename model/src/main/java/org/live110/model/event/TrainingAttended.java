package org.live110.model.event;

import java.time.Instant;

/** The {@code training_attended} event of the contract. */
public record TrainingAttended(
    String eventId,
    Instant eventTime,
    String countyCode,
    String traineeId,
    String courseId,
    TrainingMode mode)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.TRAINING_ATTENDED;
  }
}
