package org.live110.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.live110.app.flink.FlinkRestClient;
import org.live110.jobs.CampaignPlan;
import org.live110.jobs.JobConfig;
import org.live110.jobs.ProgressJob;
import org.live110.model.startup.KafkaReachability;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./110live job}: the stream job in cluster mode. With {@code --jobmanager URL} it uploads
 * the stream-jobs job jar (Flink itself not bundled) to that Flink cluster's REST API and runs it
 * there with the given job options; without it, it runs the same job in this process on a local
 * Flink mini-cluster (for trying cluster mode against an outside Kafka on one machine).
 *
 * <p>Every option it does not know itself ({@code --bootstrap-servers}, topic names, {@code
 * --checkpoint-interval}, ...) is passed to the job unchanged; see {@code ./110live job --help}.
 */
@Command(
    name = "job",
    description = {
      "Runs the stream job against an existing Kafka: on a Flink cluster (--jobmanager URL,",
      "the job jar is uploaded through Flink's REST API) or locally on a mini-cluster.",
      "Other options go to the job: --bootstrap-servers H:P, --topic-*, --checkpoint-interval,",
      "--group-id, --registry, --targets, --year, ..."
    })
public final class JobCommand implements Callable<Integer> {

  @Option(names = "--jobmanager", description = "Flink REST URL, e.g. http://flink-jm:8081.")
  String jobManager;

  @Option(
      names = "--jar",
      description = "The job jar (default: stream-jobs/target/stream-jobs-*-job.jar).")
  Path jar;

  @Option(names = "--parallelism", defaultValue = "2", description = "Default: 2.")
  int parallelism;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help.")
  boolean help;

  @CommandLine.Unmatched List<String> jobArgs = new ArrayList<>();

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    List<String> args = new ArrayList<>(jobArgs);
    args.add("--parallelism");
    args.add(Integer.toString(parallelism));
    // validates the options the way the cluster would
    JobConfig config = ProgressJob.parseArgs(args.toArray(String[]::new));
    if (jobManager == null) {
      checkLocally(config);
      ProgressJob.main(args.toArray(String[]::new));
      return 0;
    }
    Path jobJar = jar != null ? jar : defaultJar();
    FlinkRestClient rest = new FlinkRestClient(java.net.URI.create(jobManager));
    String jarId = rest.uploadJar(jobJar);
    String jobId = rest.runJar(jarId, Optional.of(ProgressJob.class.getName()), args, parallelism);
    spec.commandLine()
        .getOut()
        .println("Submitted job " + jobId + " to " + rest.base() + " (jar " + jobJar + ")");
    return 0;
  }

  /**
   * What the local run needs, checked before any graph is built: the registry and targets files
   * (loaded as the job loads them, so a broken one is one line naming the file and line) and Kafka
   * answering. With {@code --jobmanager} neither is checked here: the job's main reads the files
   * and connects to Kafka on the cluster, whose paths and network may differ from this machine's.
   *
   * @throws org.live110.model.registry.RegistryException for a missing or broken file
   * @throws LauncherException when Kafka does not answer
   */
  static void checkLocally(JobConfig config) {
    CampaignPlan.load(config);
    KafkaReachability.problem(config.bootstrapServers())
        .ifPresent(
            problem -> {
              throw new LauncherException(problem + "; check --bootstrap-servers");
            });
  }

  /** The job jar beside the launcher: {@code <repo>/stream-jobs/target/stream-jobs-*-job.jar}. */
  static Path defaultJar() throws java.io.IOException {
    String home = System.getProperty("live110.home", ".");
    Path target = Path.of(home, "stream-jobs", "target");
    if (Files.isDirectory(target)) {
      try (Stream<Path> files = Files.list(target)) {
        Optional<Path> jar =
            files
                .filter(p -> p.getFileName().toString().matches("stream-jobs-.*-job\\.jar"))
                .findFirst();
        if (jar.isPresent()) {
          return jar.get();
        }
      }
    }
    throw new LauncherException(
        "no job jar in "
            + target.toAbsolutePath()
            + "; build it (mvn -pl stream-jobs package) or pass --jar");
  }
}
