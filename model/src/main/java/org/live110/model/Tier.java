package org.live110.model;

import java.util.Optional;

/** The two tiers of campaign counties (plan: 核心示范县 and 辐射带动县). */
public enum Tier {
  CORE("core", "核心示范县"),
  RADIATING("radiating", "辐射带动县");

  private final String key;
  private final String chineseName;

  Tier(String key, String chineseName) {
    this.key = key;
    this.chineseName = chineseName;
  }

  public String key() {
    return key;
  }

  public String chineseName() {
    return chineseName;
  }

  /** The progress scope of this tier, e.g. {@code tier:core}. */
  public String scope() {
    return Scopes.tier(this);
  }

  public static Optional<Tier> byKey(String key) {
    for (Tier t : values()) {
      if (t.key.equals(key)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
