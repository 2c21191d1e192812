package org.live110.model.event;

/** Where an order was placed; livestream sales are orders with channel {@code livestream}. */
public enum SalesChannel {
  LIVESTREAM("livestream"),
  SHORT_VIDEO("short_video"),
  STORE("store");

  private final String wireName;

  SalesChannel(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
