package org.live110.model.output;

/**
 * Header names of a dead-letter record. Its value is the original record's bytes (cut to {@code
 * maxBytes} when too big to forward whole; then {@link #TRUNCATED} is {@code true}); the headers
 * say where it came from and why it was rejected. All header values are UTF-8 text.
 */
public final class DeadLetterHeaders {
  public static final String REASON = "dl.reason";
  public static final String DETAIL = "dl.detail";
  public static final String TOPIC = "dl.topic";
  public static final String PARTITION = "dl.partition";
  public static final String OFFSET = "dl.offset";
  public static final String SIZE = "dl.size";
  public static final String TRUNCATED = "dl.truncated";

  private DeadLetterHeaders() {}
}
