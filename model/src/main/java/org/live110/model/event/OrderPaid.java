package org.live110.model.event;

import java.time.Instant;

/** The {@code order_paid} event of the contract. */
public record OrderPaid(
    String eventId,
    Instant eventTime,
    String countyCode,
    String orderId,
    String shopId,
    String productId,
    long quantity,
    long amountFen,
    SalesChannel channel,
    /** optional: the livestream it was sold in, may be null */
    String sessionId)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.ORDER_PAID;
  }
}
