package org.live110.app.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.live110.app.LauncherException;
import org.live110.model.Topics;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;
import org.live110.simulator.Pacer;
import org.live110.simulator.SpeedupConverter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./110live demo}: everything in one process (see {@link Demo}). Reads the options, checks
 * the files they name, starts the demo, prints a status line every few seconds and stops cleanly on
 * Ctrl-C or SIGTERM.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs everything in one process: Kafka (KRaft), the stream job on a Flink mini-cluster,",
      "the dashboard and the simulator. Killed in any way and started again on the same",
      "--data-dir, it resumes where it was."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--data-dir",
      defaultValue = "data",
      description =
          "Kafka log, Flink checkpoints and simulator position (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--fresh", description = "Delete the demo's data in --data-dir first.")
  boolean fresh;

  @Option(names = "--no-simulator", description = "Produce nothing; outside producers write.")
  boolean noSimulator;

  @Option(
      names = "--speedup",
      converter = SpeedupConverter.class,
      description = "Campaign seconds per wall second, or 'max' (default: a year in ~10 minutes).")
  Double speedup;

  @Option(names = "--seed", defaultValue = "110", description = "Simulator seed (default: 110).")
  long seed;

  @Option(names = "--events", description = "Approximate number of simulated events of the year.")
  Long events;

  @Option(names = "--truth", description = "Write the simulated year's ground truth to FILE.")
  Path truth;

  @Option(names = "--kafka-port", defaultValue = "9092", description = "Default: 9092.")
  int kafkaPort;

  @Option(names = "--dashboard-port", defaultValue = "7070", description = "Default: 7070.")
  int dashboardPort;

  @Option(names = "--flink-ui-port", defaultValue = "8081", description = "Default: 8081.")
  int flinkUiPort;

  @Option(
      names = "--host",
      defaultValue = "localhost",
      description = "Host every listener binds to and advertises (default: localhost).")
  String host;

  @Option(names = "--registry", description = "County registry CSV (default: the bundled one).")
  Path registry;

  @Option(names = "--targets", description = "Targets CSV (default: the plan's targets).")
  Path targets;

  @Option(
      names = "--year",
      defaultValue = "" + CampaignCalendar.DEFAULT_YEAR,
      description = "Campaign year (default: ${DEFAULT-VALUE}).")
  int year;

  @Option(
      names = "--parallelism",
      defaultValue = "2",
      description = "Job parallelism (default: 2).")
  int parallelism;

  @Option(
      names = "--checkpoint-interval",
      defaultValue = "PT2S",
      converter = DurationConverter.class,
      description = "e.g. 2s, 500ms, PT2S (default: 2s).")
  Duration checkpointInterval;

  @Option(
      names = "--status-interval",
      defaultValue = "PT5S",
      converter = DurationConverter.class,
      description = "How often a status line is printed (default: 5s).")
  Duration statusInterval;

  @Option(
      names = "--admin-token",
      defaultValue = "${env:LIVE110_ADMIN_TOKEN}",
      description =
          "Bearer token for the dashboard's admin endpoints (start/stop the simulator);"
              + " default: env LIVE110_ADMIN_TOKEN; none keeps them closed.")
  String adminToken;

  @Override
  public Integer call() throws Exception {
    DemoConfig config = config();
    Demo demo = Demo.start(config, new ModuleParts(), System.out);
    Thread hook = new Thread(demo::close, "110live-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    demo.runStatusLoop();
    return 0;
  }

  /** The checked, immutable configuration of these options. */
  DemoConfig config() {
    Optional<Path> registryFile = Optional.ofNullable(registry).map(DemoCommand::readable);
    Optional<Path> targetsFile = Optional.ofNullable(targets).map(DemoCommand::readable);
    // Load them now: a broken file is one clear line before anything starts, not a failed job.
    CountyRegistry counties =
        registryFile.map(CountyRegistry::load).orElseGet(CountyRegistry::sample);
    targetsFile.ifPresent(TargetBook::load);
    if (counties.size() == 0) {
      throw new LauncherException("the county registry is empty");
    }
    new CampaignCalendar(year);
    Optional<DemoConfig.SimulatorSettings> simulator =
        noSimulator
            ? Optional.empty()
            : Optional.of(
                new DemoConfig.SimulatorSettings(
                    seed,
                    Optional.ofNullable(events),
                    speedup == null ? Pacer.DEFAULT_SPEEDUP : speedup,
                    Optional.ofNullable(truth).map(p -> p.toAbsolutePath())));
    return new DemoConfig(
        dataDir.toAbsolutePath().normalize(),
        fresh,
        kafkaPort,
        dashboardPort,
        flinkUiPort,
        host,
        Topics.DEFAULT,
        registryFile,
        counties,
        targetsFile,
        year,
        parallelism,
        checkpointInterval,
        statusInterval,
        simulator,
        Optional.ofNullable(adminToken).filter(t -> !t.isBlank()));
  }

  private static Path readable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new LauncherException("file not found or not readable: " + file.toAbsolutePath());
    }
    return file.toAbsolutePath();
  }

  /** Accepts {@code 2s}, {@code 500ms}, {@code 5m}, {@code 1h} and ISO-8601 ({@code PT2S}). */
  public static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(java.util.Locale.ROOT);
      try {
        if (v.startsWith("pt") || v.startsWith("p")) {
          return Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
        }
        if (v.endsWith("ms")) {
          return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        switch (v.charAt(v.length() - 1)) {
          case 's':
            return Duration.ofSeconds(n);
          case 'm':
            return Duration.ofMinutes(n);
          case 'h':
            return Duration.ofHours(n);
          default:
            break;
        }
      } catch (RuntimeException e) {
        // fall through to the one clear message below
      }
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (use e.g. 2s, 500ms, 5m or PT2S)");
    }
  }
}
