package org.live110.app.flink;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.live110.app.LauncherException;
import org.live110.model.startup.PortCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink mini-cluster inside this JVM with Flink's web UI, running one streaming job whose
 * completed checkpoints are retained on disk, so that a later process on the same directory resumes
 * from the newest one.
 *
 * <p>Input: a {@link LocalFlinkConfig} and a pipeline (a function that adds sources, operators and
 * sinks to an environment). Output: the running job, {@link #webUiUrl()} and {@link #jobId()}.
 * {@link #stopJob(Duration)} takes a final checkpoint and cancels the job (the checkpoint is
 * retained, so it is what the next start resumes from); {@link #close()} shuts the cluster down.
 */
public final class LocalFlinkCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);

  private final LocalFlinkConfig config;
  private final MiniCluster cluster;
  private JobID jobId;
  private Path restoredFrom;

  private LocalFlinkCluster(LocalFlinkConfig config, MiniCluster cluster) {
    this.config = config;
    this.cluster = cluster;
  }

  /**
   * Starts the mini-cluster and its REST endpoint.
   *
   * @throws LauncherException if the web UI port is taken or the cluster cannot start
   */
  public static LocalFlinkCluster start(LocalFlinkConfig config) {
    if (config.webUiPort() != 0) {
      ensureFree(config.bindAddress(), config.webUiPort());
    }
    Configuration flink = clusterConfiguration(config);
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(flink)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(config.slots())
                .build());
    try {
      cluster.start();
    } catch (Exception e) {
      cluster.closeAsync();
      throw new LauncherException("Flink mini-cluster cannot start: " + e.getMessage(), e);
    }
    return new LocalFlinkCluster(config, cluster);
  }

  /**
   * The Flink configuration of the cluster and of the job: checkpoints to the data directory,
   * retained when the job is cancelled or the process dies (they are the crash-recovery point).
   */
  static Configuration clusterConfiguration(LocalFlinkConfig config) {
    Configuration flink = new Configuration();
    flink.set(RestOptions.BIND_ADDRESS, config.bindAddress());
    flink.set(RestOptions.ADDRESS, config.bindAddress());
    flink.set(RestOptions.PORT, config.webUiPort());
    flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.slots());
    // The mini-cluster's defaults reserve managed memory for RocksDB and batch jobs; the demo uses
    // the heap state backend, so a small amount keeps the process lean.
    flink.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    flink.set(StateBackendOptions.STATE_BACKEND, "hashmap");
    flink.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY, config.checkpointDir().toUri().toString());
    flink.set(
        CheckpointingOptions.SAVEPOINT_DIRECTORY,
        config.checkpointDir().resolveSibling("savepoints").toUri().toString());
    flink.set(
        CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
    flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, config.retainedCheckpoints());
    flink.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, config.checkpointInterval());
    return flink;
  }

  /**
   * Builds the job with {@code pipeline} and submits it, restored from the newest completed
   * checkpoint under the checkpoint directory if there is one.
   *
   * @return the job id
   * @throws LauncherException if the job cannot be built or submitted
   */
  public synchronized JobID submit(String jobName, Consumer<StreamExecutionEnvironment> pipeline) {
    if (jobId != null) {
      throw new IllegalStateException("a job was already submitted: " + jobId);
    }
    Configuration jobConfig = clusterConfiguration(config);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConfig);
    pipeline.accept(env);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(jobName);
    Optional<Path> latest = LatestCheckpoint.find(config.checkpointDir());
    if (latest.isPresent()) {
      restoredFrom = latest.get();
      // NO_CLAIM: the restored checkpoint stays untouched until the new job has its own, so a
      // crash during recovery still finds it. Non-restored state allowed: a checkpoint written by
      // an older build may hold state of an operator this build no longer has (e.g. the separate
      // dedup stage merged into the county counter); without it the job would fail to restore
      // and restart for ever. Operators whose uid is kept restore as before.
      graph.setSavepointRestoreSettings(
          SavepointRestoreSettings.forPath(
              latest.get().toUri().toString(), true, RecoveryClaimMode.NO_CLAIM));
      LOG.info(
          "Resuming job from checkpoint {} (state of operators this build no longer has is"
              + " dropped; --fresh starts empty)",
          latest.get());
    }
    try {
      jobId = cluster.submitJob(graph).get(60, TimeUnit.SECONDS).getJobID();
    } catch (ExecutionException e) {
      throw new LauncherException("cannot submit the job: " + rootMessage(e), e);
    } catch (TimeoutException e) {
      throw new LauncherException("job submission did not finish within 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted while submitting the job", e);
    }
    return jobId;
  }

  /** The checkpoint the job was restored from, if it was. */
  public synchronized Optional<Path> restoredFrom() {
    return Optional.ofNullable(restoredFrom);
  }

  /** The submitted job's id. */
  public synchronized JobID jobId() {
    if (jobId == null) {
      throw new IllegalStateException("no job submitted");
    }
    return jobId;
  }

  /** The job's current status, or empty if it cannot be asked right now. */
  public Optional<JobStatus> jobStatus() {
    JobID id;
    synchronized (this) {
      id = jobId;
    }
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(cluster.getJobStatus(id).get(5, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
      // IllegalStateException: the cluster is shutting down (Ctrl-C while a status line is due)
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** Base URL of Flink's web UI and REST API. */
  public URI webUiUrl() {
    try {
      return cluster.getRestAddress().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new LauncherException("Flink REST endpoint did not come up: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LauncherException("interrupted waiting for Flink's REST endpoint", e);
    }
  }

  /**
   * Removes checkpoints of earlier runs once this job has a completed checkpoint of its own; until
   * then they are the only way back. Returns how many job directories were removed, or -1 while
   * this job has no completed checkpoint yet.
   */
  public int pruneEarlierRuns() {
    JobID id;
    synchronized (this) {
      id = jobId;
    }
    if (id == null) {
      return -1;
    }
    Path own = config.checkpointDir().resolve(id.toHexString());
    boolean ownCompleted =
        LatestCheckpoint.candidates(config.checkpointDir()).stream()
            .anyMatch(c -> c.directory().getParent().equals(own));
    if (!ownCompleted) {
      return -1;
    }
    int removed = 0;
    try (Stream<Path> jobs = Files.list(config.checkpointDir())) {
      for (Path job : (Iterable<Path>) jobs::iterator) {
        if (Files.isDirectory(job) && !job.equals(own)) {
          deleteRecursively(job);
          removed++;
        }
      }
    } catch (IOException e) {
      LOG.warn("Cannot prune old checkpoints under {}: {}", config.checkpointDir(), e.toString());
    }
    return removed;
  }

  /**
   * Takes a final checkpoint (retained, so the next start resumes exactly here) and cancels the
   * job, within {@code timeout}. A checkpoint that does not complete in time is given up on: the
   * next start then resumes from the previous one, which is equally correct, only older.
   */
  public void stopJob(Duration timeout) {
    JobID id;
    synchronized (this) {
      id = jobId;
    }
    if (id == null) {
      return;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      String path =
          cluster
              .triggerCheckpoint(id)
              .get(remainingMillis(deadline) * 2 / 3, TimeUnit.MILLISECONDS);
      LOG.info("Final checkpoint {}", path);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn(
          "No final checkpoint ({}); the next start resumes from the previous one", rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      cluster.cancelJob(id).get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Job did not cancel cleanly: {}", rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Shuts the mini-cluster down, waiting at most {@code timeout}. */
  public void close(Duration timeout) {
    try {
      cluster.closeAsync().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Flink mini-cluster did not shut down cleanly: {}", rootMessage(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(10));
  }

  private static long remainingMillis(long deadlineNanos) {
    return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.toString() : root.getMessage();
  }

  private static void ensureFree(String host, int port) {
    PortCheck.problem(host, port)
        .ifPresent(
            problem -> {
              throw new LauncherException("Flink web UI " + problem + "; use --flink-ui-port");
            });
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
