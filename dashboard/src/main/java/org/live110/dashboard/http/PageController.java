package org.live110.dashboard.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.live110.dashboard.service.ProgressService;

/** The HTML pages, from the classpath folder {@code /public}: wall, live monitor, county page. */
public final class PageController {
  private final ProgressService service;
  private final JsonResponses json;

  public PageController(ProgressService service, JsonResponses json) {
    this.service = service;
    this.json = json;
  }

  public void wall(Context ctx) {
    page(ctx, "wall.html");
  }

  public void live(Context ctx) {
    page(ctx, "live.html");
  }

  public void county(Context ctx) {
    if (!service.isKnownCounty(ctx.pathParam("code"))) {
      json.error(ctx, 404, "unknown county");
      return;
    }
    page(ctx, "county.html");
  }

  private void page(Context ctx, String name) {
    byte[] html;
    try (InputStream in = PageController.class.getResourceAsStream("/public/" + name)) {
      if (in == null) {
        json.error(ctx, 404, "page " + name + " is not built");
        return;
      }
      html = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("text/html; charset=utf-8").result(html);
  }
}
