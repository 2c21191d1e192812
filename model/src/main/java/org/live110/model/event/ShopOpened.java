package org.live110.model.event;

import java.time.Instant;

/** The {@code shop_opened} event of the contract. */
public record ShopOpened(
    String eventId,
    Instant eventTime,
    String countyCode,
    String shopId,
    String enterpriseName,
    String platform)
    implements CampaignEvent {
  @Override
  public EventType type() {
    return EventType.SHOP_OPENED;
  }
}
