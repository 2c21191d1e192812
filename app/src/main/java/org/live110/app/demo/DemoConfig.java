package org.live110.app.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.live110.model.Topics;
import org.live110.model.registry.CountyRegistry;

/**
 * Everything the one-process demo needs, read from the command line once by {@code DemoCommand}.
 *
 * @param dataDir where the Kafka log, Flink checkpoints and the simulator's position live
 * @param fresh delete the data directory's contents before starting
 * @param kafkaPort client port of the embedded broker
 * @param dashboardPort HTTP port of the dashboard
 * @param flinkUiPort port of Flink's web UI and REST API
 * @param bindHost host name every listener binds to and advertises
 * @param topics topic names
 * @param registry county registry file, or empty for the bundled sample (the job loads it itself)
 * @param counties that registry, loaded once by {@code DemoCommand} for the dashboard and the
 *     simulator
 * @param targets targets file, or empty for the plan's targets
 * @param year campaign year
 * @param parallelism parallelism of the stream job (and task slots of the mini-cluster)
 * @param checkpointInterval how often the job checkpoints
 * @param statusInterval how often a status line is printed
 * @param simulator the simulator's settings, or empty for {@code --no-simulator}
 * @param adminToken bearer token of the dashboard's admin endpoints (start/stop the simulator), or
 *     empty to keep them closed
 */
public record DemoConfig(
    Path dataDir,
    boolean fresh,
    int kafkaPort,
    int dashboardPort,
    int flinkUiPort,
    String bindHost,
    Topics topics,
    Optional<Path> registry,
    CountyRegistry counties,
    Optional<Path> targets,
    int year,
    int parallelism,
    Duration checkpointInterval,
    Duration statusInterval,
    Optional<SimulatorSettings> simulator,
    Optional<String> adminToken) {

  /** Consumer group of the stream job in the demo; the status line measures its lag. */
  public static final String JOB_GROUP_ID = org.live110.jobs.JobConfig.DEFAULT_GROUP;

  public DemoConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(bindHost, "bindHost");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(counties, "counties");
    Objects.requireNonNull(targets, "targets");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(statusInterval, "statusInterval");
    Objects.requireNonNull(simulator, "simulator");
    Objects.requireNonNull(adminToken, "adminToken");
    if (parallelism < 1) {
      throw new IllegalArgumentException("--parallelism must be >= 1, was " + parallelism);
    }
  }

  /** The embedded broker's log directory. */
  public Path kafkaDir() {
    return dataDir.resolve("kafka");
  }

  /** Where completed checkpoints are retained. */
  public Path checkpointDir() {
    return dataDir.resolve("checkpoints");
  }

  /**
   * The simulator's settings in the demo.
   *
   * @param seed random seed (same seed, same year)
   * @param events approximate number of events of the year, or empty for the simulator default
   * @param speedup campaign seconds per wall second ({@code POSITIVE_INFINITY}: no pacing)
   * @param truthFile where to write the ground truth of the whole year, or empty
   */
  public record SimulatorSettings(
      long seed, Optional<Long> events, double speedup, Optional<Path> truthFile) {

    public SimulatorSettings {
      Objects.requireNonNull(events, "events");
      if (!(speedup > 0)) {
        throw new IllegalArgumentException("speedup must be positive, was " + speedup);
      }
      Objects.requireNonNull(truthFile, "truthFile");
    }
  }
}
