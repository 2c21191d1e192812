package org.live110.app.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.live110.app.ChildJvm;
import org.live110.app.flink.FlinkRestClient;

/**
 * A Flink standalone session cluster of separate JVMs, started the way Flink's own scripts do it: a
 * {@code config.yaml} in a config directory, {@code BashJavaUtils} to turn it into JVM memory flags
 * and dynamic properties, then {@code StandaloneSessionClusterEntrypoint} (the JobManager) and any
 * number of {@code TaskManagerRunner}s, from the Flink jars of Maven Central.
 */
final class StandaloneFlink implements AutoCloseable {

  private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";

  private final Path workDir;
  private final Path confDir;
  private final String classpath;
  private final int restPort;
  private final List<ChildJvm> processes = new ArrayList<>();
  private ChildJvm jobManager;

  StandaloneFlink(Path workDir, String classpath, Map<String, String> extraConfig)
      throws IOException {
    this.workDir = workDir;
    this.confDir = Files.createDirectories(workDir.resolve("conf"));
    this.classpath = classpath;
    this.restPort = freePort();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("jobmanager.rpc.address", "localhost");
    config.put("jobmanager.rpc.port", Integer.toString(freePort()));
    config.put("jobmanager.bind-host", "localhost");
    config.put("jobmanager.memory.process.size", "768m");
    config.put("taskmanager.bind-host", "localhost");
    config.put("taskmanager.host", "localhost");
    config.put("taskmanager.memory.process.size", "1024m");
    config.put("taskmanager.memory.managed.size", "32m");
    config.put("taskmanager.numberOfTaskSlots", "2");
    config.put("parallelism.default", "2");
    config.put("rest.address", "localhost");
    config.put("rest.bind-address", "localhost");
    config.put("rest.port", Integer.toString(restPort));
    // the defaults (10 s / 50 s) take ~16 s or more to notice a TaskManager that was killed
    config.put("heartbeat.interval", "1 s");
    config.put("heartbeat.timeout", "4 s");
    config.put("state.backend.type", "hashmap");
    config.put("execution.checkpointing.dir", workDir.resolve("checkpoints").toUri().toString());
    config.put("io.tmp.dirs", Files.createDirectories(workDir.resolve("tmp")).toString());
    config.put("web.upload.dir", Files.createDirectories(workDir.resolve("upload")).toString());
    config.putAll(extraConfig);
    StringBuilder yaml = new StringBuilder();
    config.forEach((k, v) -> yaml.append(k).append(": ").append(quoted(v)).append('\n'));
    Files.writeString(confDir.resolve("config.yaml"), yaml.toString(), StandardCharsets.UTF_8);
    Files.writeString(
        confDir.resolve("log4j.properties"),
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.console.ref = console",
            "appender.console.type = Console",
            "appender.console.name = console",
            "appender.console.layout.type = PatternLayout",
            "appender.console.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            ""),
        StandardCharsets.UTF_8);
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  FlinkRestClient rest() {
    return new FlinkRestClient(URI.create("http://localhost:" + restPort));
  }

  /** Starts the JobManager and waits until its REST API answers. */
  ChildJvm startJobManager(Duration timeout) throws IOException, InterruptedException {
    List<String> params = resourceParams("GET_JM_RESOURCE_PARAMS");
    List<String> args =
        new ArrayList<>(List.of("--configDir", confDir.toString(), "--executionMode", "cluster"));
    args.addAll(split(params.get(1)));
    jobManager =
        start(
            "jobmanager",
            split(params.get(0)),
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            args);
    FlinkRestClient rest = rest();
    Awaitility.await("JobManager REST")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!jobManager.isAlive()) {
                throw new AssertionError("JobManager died:\n" + jobManager.tail(80));
              }
              return rest.isUp();
            });
    return jobManager;
  }

  /** Starts a TaskManager and waits until {@code expectedRegistered} are registered. */
  ChildJvm startTaskManager(String name, int expectedRegistered, Duration timeout)
      throws IOException, InterruptedException {
    List<String> params = resourceParams("GET_TM_RESOURCE_PARAMS");
    List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
    args.addAll(split(params.get(1)));
    ChildJvm tm =
        start(
            name,
            split(params.get(0)),
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            args);
    FlinkRestClient rest = rest();
    Awaitility.await(name + " to register")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!tm.isAlive()) {
                throw new AssertionError(name + " died:\n" + tm.tail(80));
              }
              return rest.taskManagers() >= expectedRegistered;
            });
    return tm;
  }

  /**
   * Runs {@code BashJavaUtils <command> --configDir <dir>} as Flink's scripts do and returns its
   * two result lines: JVM memory flags, then {@code -D key=value} dynamic properties.
   */
  private List<String> resourceParams(String command) throws IOException, InterruptedException {
    Path out = workDir.resolve("bash-java-utils-" + command + ".out");
    Process process =
        new ProcessBuilder(
                ChildJvm.javaBinary(),
                "-Xmx128m",
                "-cp",
                classpath,
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command,
                "--configDir",
                confDir.toString())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException(
          "BashJavaUtils " + command + " failed:\n" + Files.readString(out));
    }
    List<String> results = new ArrayList<>();
    for (String line : Files.readAllLines(out)) {
      int at = line.indexOf(EXEC_RESULT);
      if (at >= 0) {
        results.add(line.substring(at + EXEC_RESULT.length()).strip());
      }
    }
    if (results.size() < 2) {
      throw new IllegalStateException(
          "BashJavaUtils " + command + " gave no result lines:\n" + Files.readString(out));
    }
    return results.subList(results.size() - 2, results.size());
  }

  private ChildJvm start(String name, List<String> memoryFlags, String mainClass, List<String> args)
      throws IOException {
    List<String> jvm = new ArrayList<>(memoryFlags);
    jvm.add("-XX:+IgnoreUnrecognizedVMOptions");
    jvm.addAll(ChildJvm.FLINK_JAVA_OPTS);
    jvm.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
    jvm.add("-Dlog.file=" + workDir.resolve(name + ".flink.log"));
    ChildJvm jvmProcess = ChildJvm.start(name, workDir, jvm, classpath, mainClass, args);
    processes.add(jvmProcess);
    return jvmProcess;
  }

  private static List<String> split(String line) {
    return Arrays.stream(line.strip().split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("localhost", 0));
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (ChildJvm process : processes) {
      process.close();
    }
  }
}
