package org.live110.model;

/**
 * Names of the progress scopes: {@code all}, {@code tier:core}, {@code tier:radiating} and {@code
 * county:<code>}. They key the compacted progress topic and the {@code scopes} map of the API.
 */
public final class Scopes {
  public static final String ALL = "all";
  public static final String TIER_PREFIX = "tier:";
  public static final String COUNTY_PREFIX = "county:";

  private Scopes() {}

  public static String tier(Tier tier) {
    return TIER_PREFIX + tier.key();
  }

  public static String county(String countyCode) {
    return COUNTY_PREFIX + countyCode;
  }

  public static boolean isCounty(String scope) {
    return scope.startsWith(COUNTY_PREFIX);
  }

  /** The county code of a county scope. */
  public static String countyCode(String scope) {
    if (!isCounty(scope)) {
      throw new IllegalArgumentException("not a county scope: " + scope);
    }
    return scope.substring(COUNTY_PREFIX.length());
  }
}
