package org.live110.model.event;

import java.time.Instant;

/**
 * One valid event of the contract (EVENTS.md). Instances come from {@link
 * org.live110.model.codec.EventParser} (which has validated them) or from the simulator.
 */
public sealed interface CampaignEvent
    permits ContentPublished,
        ContentExposure,
        LiveStarted,
        LiveStats,
        LiveEnded,
        ShopOpened,
        ProductListed,
        OrderPaid,
        OrderRefunded,
        TrainingAttended,
        HouseholdBenefited {

  /** Unique per logical event; a repeated id is a duplicate and counts once. */
  String eventId();

  /** When it happened (the event-time clock). */
  Instant eventTime();

  /** The 6-digit code of a registry county. */
  String countyCode();

  EventType type();
}
