package org.live110.model.event;

/** How a training course was attended. */
public enum TrainingMode {
  ONLINE("online"),
  OFFLINE("offline");

  private final String wireName;

  TrainingMode(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }
}
