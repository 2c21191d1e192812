package org.live110.reliability.support;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;
import org.live110.jobs.records.ParsedRecord;

/**
 * A pass-through operator placed right after the job's sources that throws at the points its {@link
 * CrashSchedule} names, only after a checkpoint of the current attempt has completed — the state
 * and offsets to come back to exist, as in Flink's own fault-tolerance tests.
 */
public final class CrashInjector extends RichMapFunction<ParsedRecord, ParsedRecord>
    implements CheckpointListener {
  private static final long serialVersionUID = 1L;

  private final String schedule;
  private transient int attempt;
  private transient boolean checkpointed;
  private transient long sinceCheckpoint;

  public CrashInjector(String schedule) {
    this.schedule = schedule;
  }

  @Override
  public void open(OpenContext ctx) {
    attempt = getRuntimeContext().getTaskInfo().getAttemptNumber();
  }

  @Override
  public ParsedRecord map(ParsedRecord r) {
    CrashSchedule s = CrashSchedule.named(schedule);
    s.recordSeen(attempt);
    if (checkpointed) {
      sinceCheckpoint++;
      String where =
          "subtask "
              + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask()
              + " attempt "
              + attempt;
      if (s.shouldFail(attempt, sinceCheckpoint, where)) {
        throw new IllegalStateException("injected failure: " + where);
      }
    }
    return r;
  }

  @Override
  public void notifyCheckpointComplete(long checkpointId) {
    checkpointed = true;
  }
}
