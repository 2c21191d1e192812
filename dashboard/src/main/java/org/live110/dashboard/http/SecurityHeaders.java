package org.live110.dashboard.http;

import io.javalin.http.Context;
import org.live110.dashboard.FramePolicy;

/**
 * Sets the contract's security headers on every response: a Content-Security-Policy that allows
 * only same-origin scripts, styles and connections (no inline code) with the configured framing
 * policy, {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options} where the policy can be
 * expressed by it, and {@code Referrer-Policy: no-referrer}.
 */
public final class SecurityHeaders {
  private final String csp;
  private final String xFrameOptions;

  public SecurityHeaders(FramePolicy policy) {
    this.csp =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors "
            + policy.frameAncestors();
    this.xFrameOptions = policy.xFrameOptions();
  }

  public String contentSecurityPolicy() {
    return csp;
  }

  public void apply(Context ctx) {
    ctx.header("Content-Security-Policy", csp);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    if (xFrameOptions != null) {
      ctx.header("X-Frame-Options", xFrameOptions);
    }
  }
}
