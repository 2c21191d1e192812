package org.live110.model.output;

import java.time.Instant;
import java.util.Map;

/**
 * Counts of rejected input records, written to the progress topic under the key {@link #KEY}.
 *
 * @param version grows with every counted rejection (equals {@code total})
 * @param byReason count per reason code ({@code unknown_county}, ...)
 */
public record DeadLetterSummary(
    long version, long total, Map<String, Long> byReason, Instant emittedAt) {
  /** The progress-topic key of this record. */
  public static final String KEY = "deadletters";

  public boolean supersedes(DeadLetterSummary current) {
    return current == null || version > current.version;
  }
}
