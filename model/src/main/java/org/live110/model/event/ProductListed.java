package org.live110.model.event;

import java.time.Instant;

/** The {@code product_listed} event of the contract. */
public record ProductListed(
    String eventId,
    Instant eventTime,
    String countyCode,
    String productId,
    String shopId,
    String productName,
    long priceFen)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.PRODUCT_LISTED;
  }
}
