package org.live110.jobs.records;

/**
 * A rejected input record on its way to the dead-letter topic: the original bytes (cut to the
 * parser's limit when larger, then {@link #truncated}), where it came from and why it was rejected.
 * A Flink POJO.
 */
public class DeadLetter {
  /** {@code RejectReason.code()}, e.g. {@code unknown_county}. */
  public String reason;

  public String detail;
  public String topic;
  public int partition;
  public long offset;

  /** Size of the original value in bytes (-1 when the record had no value). */
  public int size;

  public boolean truncated;
  public byte[] value;

  public DeadLetter() {}

  @Override
  public String toString() {
    return "DeadLetter{"
        + reason
        + " "
        + topic
        + "-"
        + partition
        + "@"
        + offset
        + " size="
        + size
        + (truncated ? " truncated" : "")
        + ": "
        + detail
        + "}";
  }
}
