package org.live110.dashboard.http;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.live110.dashboard.SimulatorControl;

/**
 * State-changing endpoints ({@code /api/admin/...}), guarded by {@code Authorization: Bearer
 * <token>}: 503 when no token is configured (admin closed), 401 without a well-formed header, 403
 * with a wrong token. A token in the query string is never looked at.
 */
public final class AdminController {
  private static final String BEARER = "Bearer ";

  private final byte[] tokenDigest;
  private final SimulatorControl simulator;
  private final JsonResponses json;

  public AdminController(String adminToken, SimulatorControl simulator, JsonResponses json) {
    this.tokenDigest = adminToken == null ? null : digest(adminToken);
    this.simulator = simulator;
    this.json = json;
  }

  /** Runs before every admin route; answers and stops the request unless it is authorized. */
  public boolean authorize(Context ctx) {
    ctx.header("Cache-Control", "no-store");
    if (tokenDigest == null) {
      json.error(ctx, 503, "admin disabled: no token configured");
      return false;
    }
    String header = ctx.header("Authorization");
    if (header == null
        || header.length() <= BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      ctx.header("WWW-Authenticate", "Bearer");
      json.error(ctx, 401, "missing bearer token");
      return false;
    }
    String presented = header.substring(BEARER.length()).strip();
    // Comparing digests in constant time leaks neither the token nor its length.
    if (presented.isEmpty() || !MessageDigest.isEqual(digest(presented), tokenDigest)) {
      json.error(ctx, 403, "wrong token");
      return false;
    }
    return true;
  }

  public void start(Context ctx) {
    if (authorize(ctx)) {
      answer(ctx, simulator.start());
    }
  }

  public void stop(Context ctx) {
    if (authorize(ctx)) {
      answer(ctx, simulator.stop());
    }
  }

  public void status(Context ctx) {
    if (authorize(ctx)) {
      json.ok(ctx, simulator.status());
    }
  }

  private void answer(Context ctx, SimulatorControl.Status status) {
    // Asking a process without a simulator to start one is not something it can do.
    json.send(ctx, status.available() ? 200 : 501, status);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
