package org.live110.dashboard.sse;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which scopes' series points an SSE client receives: the optional {@code series} parameter of
 * {@code GET /api/stream}, normalized so that equal subscriptions are equal objects (the hub
 * serializes each tick's {@code series} frame once per distinct subscription).
 *
 * <p>Input: the parameter's text and the known scopes in their canonical order ({@code all}, the
 * tiers, the counties in registry order). Output: {@link #EVERY_SCOPE} (parameter absent: every
 * changed point of every scope, the snapshot's series of the aggregate scopes — the behaviour
 * before the parameter existed), {@link #NONE} ({@code series=none}), or a list of 1 to {@link
 * #MAX_SCOPES} known scopes in canonical order, duplicates removed.
 *
 * @param everyScope the default: every scope's changed points
 * @param scopes the subscribed scopes in canonical order (empty for the default and for none)
 */
public record SeriesSubscription(boolean everyScope, List<String> scopes) {
  /** The most scopes one stream may ask for: a page draws a few; the snapshot holds each's day. */
  public static final int MAX_SCOPES = 16;

  /** The parameter absent: every scope (as before the parameter existed). */
  public static final SeriesSubscription EVERY_SCOPE = new SeriesSubscription(true, List.of());

  /** {@code series=none}: no series points at all (progress and sessions only). */
  public static final SeriesSubscription NONE = new SeriesSubscription(false, List.of());

  private static final String NONE_VALUE = "none";

  public SeriesSubscription {
    scopes = List.copyOf(scopes);
    if (everyScope && !scopes.isEmpty()) {
      throw new IllegalArgumentException("every scope or a list, not both");
    }
  }

  /**
   * Parses the {@code series} parameter.
   *
   * @param value the parameter, null when absent
   * @param knownScopes every scope in canonical order
   * @throws IllegalArgumentException with a one-line message naming the bad value
   */
  public static SeriesSubscription parse(String value, List<String> knownScopes) {
    if (value == null) {
      return EVERY_SCOPE;
    }
    if (value.equals(NONE_VALUE)) {
      return NONE;
    }
    String[] items = value.split(",", -1);
    if (items.length > MAX_SCOPES) {
      throw new IllegalArgumentException(
          "series: at most " + MAX_SCOPES + " scopes, got " + items.length);
    }
    Set<String> wanted = new HashSet<>();
    Set<String> known = new HashSet<>(knownScopes);
    for (String item : items) {
      if (item.isEmpty()) {
        throw new IllegalArgumentException(
            "series: empty scope in '" + shorten(value) + "' (scopes separated by one comma)");
      }
      if (item.equals(NONE_VALUE)) {
        throw new IllegalArgumentException("series: 'none' cannot be combined with scopes");
      }
      if (!known.contains(item)) {
        throw new IllegalArgumentException(
            "series: unknown scope '"
                + shorten(item)
                + "' (all, tier:core, tier:radiating, county:<code>, or none)");
      }
      wanted.add(item);
    }
    // Canonical order, so that the same set in any order or with repeats is one subscription.
    List<String> ordered = new ArrayList<>(wanted.size());
    for (String scope : knownScopes) {
      if (wanted.contains(scope)) {
        ordered.add(scope);
      }
    }
    return new SeriesSubscription(false, ordered);
  }

  /** Whether this client gets the points of {@code scope}. */
  public boolean includes(String scope) {
    return everyScope || scopes.contains(scope);
  }

  /** The normalized parameter ({@code *} for the default), for logs and metrics. */
  public String key() {
    if (everyScope) {
      return "*";
    }
    return scopes.isEmpty() ? NONE_VALUE : String.join(",", scopes);
  }

  /** A value echoed in an error message, cut so a hostile parameter cannot flood the log. */
  private static String shorten(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "…";
  }
}
