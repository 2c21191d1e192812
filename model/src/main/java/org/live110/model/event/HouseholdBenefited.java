package org.live110.model.event;

import java.time.Instant;

/** The {@code household_benefited} event of the contract. */
public record HouseholdBenefited(
    String eventId, Instant eventTime, String countyCode, String householdId)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.HOUSEHOLD_BENEFITED;
  }
}
