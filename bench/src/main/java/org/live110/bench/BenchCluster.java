package org.live110.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One local Flink cluster (one TaskManager with a slot per core) started once and shared by every
 * measured job of a bench, so that a job's measured time covers its deployment and run but not the
 * cluster's start-up.
 *
 * <p>Input: slots. Output: submitted jobs, their status and checkpoint statistics.
 */
public final class BenchCluster implements AutoCloseable {
  private final MiniCluster cluster;

  public BenchCluster(int slots) throws Exception {
    Configuration conf = new Configuration();
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
    // Any free port: a demo or another Flink on this machine often holds the default 8081.
    conf.set(RestOptions.BIND_PORT, "0");
    cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .build());
    cluster.start();
  }

  /** Submits the graph built on {@code env}; returns at once with the job's id. */
  public JobID submit(StreamExecutionEnvironment env) throws Exception {
    return cluster
        .submitJob(env.getStreamGraph().getJobGraph())
        .get(60, TimeUnit.SECONDS)
        .getJobID();
  }

  public JobStatus status(JobID job) throws Exception {
    return cluster.getJobStatus(job).get(30, TimeUnit.SECONDS);
  }

  /** Cancels the job and waits until it has stopped, so its slots are free for the next one. */
  public void cancel(JobID job) throws Exception {
    if (!status(job).isGloballyTerminalState()) {
      cluster.cancelJob(job).get(60, TimeUnit.SECONDS);
    }
    cluster.requestJobResult(job).get(120, TimeUnit.SECONDS);
  }

  /** Waits for a bounded job to end; throws if it failed. */
  public JobResult awaitEnd(JobID job, long timeoutSeconds) throws Exception {
    JobResult r = cluster.requestJobResult(job).get(timeoutSeconds, TimeUnit.SECONDS);
    if (!r.isSuccess()) {
      throw new IllegalStateException(
          "job " + job + " failed", r.getSerializedThrowable().orElse(null));
    }
    return r;
  }

  /** The newest completed checkpoint of a running job, if any. */
  public Optional<CheckpointSample> latestCheckpoint(JobID job) throws Exception {
    AccessExecutionGraph g = cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
    if (g.getCheckpointStatsSnapshot() == null) {
      return Optional.empty();
    }
    CompletedCheckpointStats c =
        g.getCheckpointStatsSnapshot().getHistory().getLatestCompletedCheckpoint();
    if (c == null) {
      return Optional.empty();
    }
    return Optional.of(sample(g, c));
  }

  /** The number of checkpoints completed so far. */
  public long completedCheckpoints(JobID job) throws Exception {
    AccessExecutionGraph g = cluster.getExecutionGraph(job).get(30, TimeUnit.SECONDS);
    return g.getCheckpointStatsSnapshot() == null
        ? 0
        : g.getCheckpointStatsSnapshot().getCounts().getNumberOfCompletedCheckpoints();
  }

  private static CheckpointSample sample(AccessExecutionGraph g, AbstractCheckpointStats c) {
    Map<String, Long> perOperator = new LinkedHashMap<>();
    for (TaskStateStats t : c.getAllTaskStateStats()) {
      AccessExecutionJobVertex v = g.getJobVertex(t.getJobVertexId());
      String name = v == null ? t.getJobVertexId().toString() : v.getName();
      perOperator.merge(name, t.getStateSize(), Long::sum);
    }
    return new CheckpointSample(
        c.getCheckpointId(), c.getStateSize(), c.getLatestAckTimestamp(), perOperator);
  }

  /**
   * The size of one completed checkpoint.
   *
   * @param id checkpoint id
   * @param stateBytes full state size of the checkpoint
   * @param ackMillis wall-clock time the last subtask acknowledged it
   * @param perTask state bytes per task (chained operators share one task name)
   */
  public record CheckpointSample(
      long id, long stateBytes, long ackMillis, Map<String, Long> perTask) {}

  @Override
  public void close() throws Exception {
    cluster.closeAsync().get(60, TimeUnit.SECONDS);
  }
}
