package org.live110.jobs.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.live110.jobs.records.ParsedRecord;

/**
 * Fails the job exactly once, in a subtask that has passed {@code afterRecords} records and has
 * seen a checkpoint complete (the pattern of Flink's own fault-tolerance tests). The "has failed"
 * flag must survive the restart, which recreates this function, so it is static (test code only).
 */
public final class FailOnceAfterCheckpoint
    implements MapFunction<ParsedRecord, ParsedRecord>, CheckpointListener {
  private static final long serialVersionUID = 1L;
  private static final AtomicBoolean FAILED = new AtomicBoolean();

  private final long afterRecords;
  private transient long seen;
  private transient boolean checkpointed;

  public FailOnceAfterCheckpoint(long afterRecords) {
    this.afterRecords = afterRecords;
  }

  /** Arms the failure for the next job run. */
  public static void reset() {
    FAILED.set(false);
  }

  public static boolean hasFailed() {
    return FAILED.get();
  }

  @Override
  public ParsedRecord map(ParsedRecord r) {
    seen++;
    if (checkpointed && seen >= afterRecords && FAILED.compareAndSet(false, true)) {
      throw new IllegalStateException("injected failure after " + seen + " records");
    }
    return r;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointed = true;
  }
}
