package org.live110.app.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Flink mini-cluster the demo runs its job on.
 *
 * @param webUiPort port of Flink's REST API and web UI (0 picks a free one)
 * @param bindAddress address the REST endpoint binds to
 * @param slots task slots of the single task manager; the job's parallelism must fit
 * @param checkpointDir where completed checkpoints are retained across restarts
 * @param checkpointInterval how often the job checkpoints
 * @param retainedCheckpoints how many completed checkpoints to keep per job
 */
public record LocalFlinkConfig(
    int webUiPort,
    String bindAddress,
    int slots,
    Path checkpointDir,
    Duration checkpointInterval,
    int retainedCheckpoints) {

  public LocalFlinkConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(checkpointDir, "checkpointDir");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    if (webUiPort < 0 || webUiPort > 65535) {
      throw new IllegalArgumentException("Flink web UI port must be in 0..65535, was " + webUiPort);
    }
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be >= 1, was " + slots);
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException(
          "checkpoint interval must be positive, was " + checkpointInterval);
    }
    if (retainedCheckpoints < 1) {
      throw new IllegalArgumentException(
          "retained checkpoints must be >= 1, was " + retainedCheckpoints);
    }
  }
}
