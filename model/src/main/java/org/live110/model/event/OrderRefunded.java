package org.live110.model.event;

import java.time.Instant;

/** The {@code order_refunded} event of the contract. */
public record OrderRefunded(
    String eventId,
    Instant eventTime,
    String countyCode,
    String orderId,
    /** the refunded part */
    long amountFen)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.ORDER_REFUNDED;
  }
}
