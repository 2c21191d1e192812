package org.live110.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.live110.model.startup.KafkaReachability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: writes a recorded JSON-lines file to Kafka, each line to its type's topic,
 * keeping the relative timing of the event times at the speed-up. Exit 0 when done, 1 on a failure
 * (Kafka not answering within {@link KafkaReachability#DEFAULT_TIMEOUT} at start included), 2 on
 * bad options.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Write a recorded JSON-lines file to Kafka, keeping its relative timing.")
public final class ReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", description = "the JSON-lines file")
  Path file;

  @Option(
      names = "--speedup",
      converter = SpeedupConverter.class,
      description =
          "campaign seconds per wall second, or 'max' (default: a year in about 10 minutes)")
  Double speedup;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers (default: ${DEFAULT-VALUE})")
  String bootstrapServers = KafkaSink.DEFAULT_BOOTSTRAP_SERVERS;

  @Option(
      names = "--max-record-bytes",
      description = "largest record to carry (default: ${DEFAULT-VALUE})")
  int maxRecordBytes = 4 << 20;

  @Mixin TopicOptions topicOptions = new TopicOptions();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    if (!Files.isRegularFile(file)) {
      err.println("replay: " + file + " does not exist or is not a file");
      return 2;
    }
    Optional<String> unreachable = KafkaReachability.problem(bootstrapServers);
    if (unreachable.isPresent()) {
      err.println("replay: " + unreachable.get() + "; check --bootstrap-servers");
      return 1;
    }
    AtomicBoolean stop = new AtomicBoolean();
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              stop.set(true);
              try {
                main.join(15_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "replay-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    double pace = speedup != null ? speedup : Pacer.DEFAULT_SPEEDUP;
    long started = System.nanoTime();
    try (Sink sink = new KafkaSink(bootstrapServers, maxRecordBytes)) {
      Replayer replayer =
          new Replayer(
              topicOptions.topics(), new Pacer(pace, Pacer.Clock.system(), stop::get), stop::get);
      long sent = replayer.replay(file, sink);
      double seconds = (System.nanoTime() - started) / 1e9;
      spec.commandLine()
          .getOut()
          .println(
              String.format(
                  Locale.ROOT,
                  "replay: %,d records from %s in %.1f s (%,.0f/s) -> Kafka %s",
                  sent,
                  file,
                  seconds,
                  sent / Math.max(seconds, 1e-9),
                  bootstrapServers));
      return stop.get() ? 1 : 0;
    } catch (IOException | RuntimeException e) {
      err.println("replay: failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("replay: interrupted");
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // already shutting down
      }
    }
  }
}
