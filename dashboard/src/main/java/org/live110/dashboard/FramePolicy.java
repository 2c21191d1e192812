package org.live110.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Who may show the dashboard in a frame (wall-screen software often embeds pages). Parsed from an
 * option: {@code DENY} (default), {@code SAMEORIGIN}, or {@code ALLOW-FROM <origin> [<origin>...]}
 * (also written {@code frame-ancestors <source>...}).
 *
 * @param frameAncestors the value of the CSP {@code frame-ancestors} directive
 * @param xFrameOptions the {@code X-Frame-Options} header, or null when an allow-list is used (that
 *     header cannot express one; modern browsers follow CSP)
 */
public record FramePolicy(String frameAncestors, String xFrameOptions) {
  public static final FramePolicy DENY = new FramePolicy("'none'", "DENY");
  public static final FramePolicy SAMEORIGIN = new FramePolicy("'self'", "SAMEORIGIN");

  // A source a header can carry safely: scheme://host[:port] or host patterns, or 'self'.
  private static final Pattern SOURCE =
      Pattern.compile(
          "'self'|[a-zA-Z][a-zA-Z0-9+.-]*://[A-Za-z0-9.*:\\-\\[\\]]+|[A-Za-z0-9.*\\-]+");

  /**
   * Parses an option value.
   *
   * @throws IllegalArgumentException naming the value when it is not a policy
   */
  public static FramePolicy parse(String text) {
    if (text == null || text.isBlank()) {
      return DENY;
    }
    String trimmed = text.strip();
    String upper = trimmed.toUpperCase(Locale.ROOT);
    if (upper.equals("DENY")) {
      return DENY;
    }
    if (upper.equals("SAMEORIGIN")) {
      return SAMEORIGIN;
    }
    String rest;
    if (upper.startsWith("ALLOW-FROM")) {
      rest = trimmed.substring("ALLOW-FROM".length());
    } else if (upper.startsWith("FRAME-ANCESTORS")) {
      rest = trimmed.substring("FRAME-ANCESTORS".length());
    } else {
      throw new IllegalArgumentException(
          "frame policy '" + text + "' is not DENY, SAMEORIGIN or ALLOW-FROM <origin>...");
    }
    List<String> sources =
        Arrays.stream(rest.strip().split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("frame policy '" + text + "' names no origin");
    }
    for (String s : sources) {
      if (!SOURCE.matcher(s).matches()) {
        throw new IllegalArgumentException("frame policy origin '" + s + "' is not an origin");
      }
    }
    return new FramePolicy(String.join(" ", sources), null);
  }
}
