package org.live110.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;
import org.live110.model.registry.RegistryException;
import org.live110.model.startup.KafkaReachability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: generates a campaign year (deterministic for a seed) to Kafka or to a
 * JSON-lines file, optionally writing the ground truth. Exit 0 when done, 1 on a failure (Kafka not
 * answering within {@link KafkaReachability#DEFAULT_TIMEOUT} at start included), 2 on bad options.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Generate a campaign year to Kafka (default) or to a JSON-lines file (--out).")
public final class SimulateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--seed", description = "random seed (default: ${DEFAULT-VALUE})")
  long seed = 110;

  @Option(
      names = "--events",
      description = "about how many clean events the year holds (default: ${DEFAULT-VALUE})")
  Long events;

  @Option(
      names = "--speedup",
      converter = SpeedupConverter.class,
      description =
          "campaign seconds per wall second, or 'max' (default: a year in about 10 minutes;"
              + " with --out: max)")
  Double speedup;

  @Option(
      names = "--start",
      description = "start at this campaign date or date-time (Asia/Shanghai)")
  String start;

  @Option(names = "--out", description = "write JSON lines to this file instead of Kafka")
  Path out;

  @Option(names = "--truth", description = "write the exact expected totals to this JSON file")
  Path truth;

  @Option(names = "--bootstrap-servers", description = "Kafka brokers (default: ${DEFAULT-VALUE})")
  String bootstrapServers = KafkaSink.DEFAULT_BOOTSTRAP_SERVERS;

  @Option(names = "--registry", description = "county registry CSV (default: the bundled sample)")
  Path registry;

  @Option(names = "--year", description = "campaign year (default: ${DEFAULT-VALUE})")
  int year = CampaignCalendar.DEFAULT_YEAR;

  @Option(
      names = "--scenario",
      description = "properties file overriding sizes, attainments, faults")
  Path scenario;

  @Option(names = "--duplicates", description = "exact duplicate rate (default 0.01)")
  Double duplicates;

  @Option(
      names = "--paid-twice",
      description = "rate of orders paid twice under new ids (default 0.002)")
  Double paidTwice;

  @Option(names = "--out-of-order", description = "out-of-order delivery rate (default 0.01)")
  Double outOfOrder;

  @Option(names = "--late", description = "hours-late delivery rate (default 0.001)")
  Double late;

  @Option(names = "--bad", description = "bad record rate (default 0.002)")
  Double bad;

  @Option(names = "--too-large-bytes", description = "size of a too_large record (default 70000)")
  Integer tooLargeBytes;

  @Option(names = "--no-faults", description = "no faults at all")
  boolean noFaults;

  @Option(
      names = "--max-record-bytes",
      description = "the job's record size limit the truth applies (default: ${DEFAULT-VALUE})")
  int maxRecordBytes = EventParser.DEFAULT_MAX_BYTES;

  @Option(
      names = "--progress-seconds",
      description = "progress line interval (default: ${DEFAULT-VALUE})")
  int progressSeconds = 5;

  @Mixin TopicOptions topicOptions = new TopicOptions();

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter outLine = spec.commandLine().getOut();
    SimulationOptions options;
    try {
      options = options();
    } catch (IllegalArgumentException | RegistryException | IOException e) {
      err.println("simulate: " + e.getMessage());
      return 2;
    }
    if (out == null) {
      Optional<String> unreachable = KafkaReachability.problem(bootstrapServers);
      if (unreachable.isPresent()) {
        err.println("simulate: " + unreachable.get() + "; check --bootstrap-servers");
        return 1;
      }
    }
    double pace =
        speedup != null ? speedup : out != null ? Double.POSITIVE_INFINITY : Pacer.DEFAULT_SPEEDUP;
    Simulation sim =
        new Simulation(options, pace)
            .onProgress(
                p -> {
                  outLine.println("simulate: " + p.line());
                  outLine.flush();
                },
                Duration.ofSeconds(Math.max(1, progressSeconds)));
    Thread main = Thread.currentThread();
    Thread hook =
        new Thread(
            () -> {
              sim.stop();
              try {
                main.join(15_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "simulate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    GroundTruth groundTruth = truth != null ? GroundTruth.forOptions(options) : null;
    try (Sink sink =
        out != null
            ? JsonLinesSink.create(out)
            : new KafkaSink(bootstrapServers, options.faults().tooLargeBytes())) {
      SimulationResult result = sim.run(sink, groundTruth);
      if (groundTruth != null) {
        groundTruth.write(truth);
      }
      outLine.println(
          String.format(
              Locale.ROOT,
              "simulate: %,d records (%,d clean events, %s) in %.1f s, %,.0f records/s%s%s",
              result.records(),
              result.cleanEvents(),
              result.byFault(),
              result.elapsed().toMillis() / 1000.0,
              result.recordsPerSecond(),
              out != null ? " -> " + out : " -> Kafka " + bootstrapServers,
              truth != null ? ", truth -> " + truth : ""));
      outLine.flush();
      return result.stopped() ? 1 : 0;
    } catch (IOException | RuntimeException e) {
      err.println("simulate: failed: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("simulate: interrupted");
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already shutting down: the hook is running.
      }
    }
  }

  SimulationOptions options() throws IOException {
    CountyRegistry reg = registry != null ? CountyRegistry.load(registry) : CountyRegistry.sample();
    SimulationOptions o =
        SimulationOptions.defaults(seed, reg)
            .withYear(year)
            .withTopics(topicOptions.topics())
            .withMaxRecordBytes(maxRecordBytes);
    if (scenario != null) {
      o = ScenarioFile.apply(scenario, o);
    }
    if (events != null) {
      o = o.withEvents(events);
    }
    FaultRates f =
        noFaults ? FaultRates.NONE.withTooLargeBytes(o.faults().tooLargeBytes()) : o.faults();
    if (duplicates != null) {
      f = f.withDuplicate(duplicates);
    }
    if (paidTwice != null) {
      f = f.withPaidTwice(paidTwice);
    }
    if (outOfOrder != null) {
      f = f.withOutOfOrder(outOfOrder);
    }
    if (late != null) {
      f = f.withLate(late);
    }
    if (bad != null) {
      f = f.withBad(bad);
    }
    if (tooLargeBytes != null) {
      f = f.withTooLargeBytes(tooLargeBytes);
    }
    o = o.withFaults(f);
    if (start != null) {
      o = o.withStart(parseStart(start));
    }
    return o;
  }

  static Instant parseStart(String s) {
    try {
      if (s.length() <= 10) {
        return LocalDate.parse(s).atStartOfDay(CampaignCalendar.ZONE).toInstant();
      }
      return LocalDateTime.parse(s).atZone(CampaignCalendar.ZONE).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "--start '" + s + "' is not a date (2019-06-01) or date-time (2019-06-01T20:00)");
    }
  }
}
