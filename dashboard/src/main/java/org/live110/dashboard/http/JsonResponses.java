package org.live110.dashboard.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import org.live110.dashboard.service.ApiJson;

/** Writes JSON bodies with the contract's content type, using the dashboard's one mapper. */
public final class JsonResponses {
  public static final String JSON = "application/json; charset=utf-8";

  private final ObjectMapper mapper;

  public JsonResponses(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  public void ok(Context ctx, Object body) {
    send(ctx, 200, body);
  }

  public void error(Context ctx, int status, String message) {
    send(ctx, status, new ApiJson.Error(message));
  }

  public void send(Context ctx, int status, Object body) {
    byte[] bytes;
    try {
      bytes = mapper.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON response", e);
    }
    ctx.status(status).contentType(JSON).result(bytes);
  }
}
