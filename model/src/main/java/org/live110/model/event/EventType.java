package org.live110.model.event;

import java.util.Optional;

/** The event types of the contract, their wire names, and the input stream each travels on. */
public enum EventType {
  CONTENT_PUBLISHED("content_published", InputStream.EXPOSURE),
  CONTENT_EXPOSURE("content_exposure", InputStream.EXPOSURE),
  LIVE_STARTED("live_started", InputStream.LIVESTREAM),
  LIVE_STATS("live_stats", InputStream.LIVESTREAM),
  LIVE_ENDED("live_ended", InputStream.LIVESTREAM),
  SHOP_OPENED("shop_opened", InputStream.ORDERS),
  PRODUCT_LISTED("product_listed", InputStream.ORDERS),
  ORDER_PAID("order_paid", InputStream.ORDERS),
  ORDER_REFUNDED("order_refunded", InputStream.ORDERS),
  TRAINING_ATTENDED("training_attended", InputStream.PROGRAMME),
  HOUSEHOLD_BENEFITED("household_benefited", InputStream.PROGRAMME);

  /** The four input streams (one Kafka topic each). */
  public enum InputStream {
    EXPOSURE,
    LIVESTREAM,
    ORDERS,
    PROGRAMME
  }

  /** {@code values()} copies the array at every call; the parser looks up every record's type. */
  private static final EventType[] ALL = values();

  private final String wireName;
  private final InputStream stream;

  EventType(String wireName, InputStream stream) {
    this.wireName = wireName;
    this.stream = stream;
  }

  public String wireName() {
    return wireName;
  }

  public InputStream stream() {
    return stream;
  }

  public static Optional<EventType> byWireName(String name) {
    for (EventType t : ALL) {
      if (t.wireName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
