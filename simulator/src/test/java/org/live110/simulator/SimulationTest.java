package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulationTest {

  @Test
  void stopEndsTheRunAfterTheCurrentRecord() throws Exception {
    Simulation sim = new Simulation(Years.SMALL, Double.POSITIVE_INFINITY);
    Years.ListSink sink =
        new Years.ListSink() {
          @Override
          public void send(SimRecord record) {
            super.send(record);
            if (records.size() == 100) {
              sim.stop();
            }
          }
        };
    SimulationResult result = sim.run(sink, null);
    assertThat(result.stopped()).isTrue();
    assertThat(sink.records).hasSize(100);
    assertThat(sim.progress().done()).isTrue();
    assertThat(sim.progress().records()).isEqualTo(100);
  }

  @Test
  void aResumedRunProducesTheRestAndItsTruthCoversTheWholeYear() throws Exception {
    Years.ListSink whole = new Years.ListSink();
    GroundTruth wholeTruth = GroundTruth.forOptions(Years.SMALL);
    new Simulation(Years.SMALL, Double.POSITIVE_INFINITY).run(whole, wholeTruth);

    Years.ListSink rest = new Years.ListSink();
    GroundTruth restTruth = GroundTruth.forOptions(Years.SMALL);
    new Simulation(Years.SMALL.withSkipRecords(1_000), Double.POSITIVE_INFINITY)
        .run(rest, restTruth);

    List<SimRecord> tail = whole.records.subList(1_000, whole.records.size());
    assertThat(rest.records).hasSameSizeAs(tail);
    assertThat(rest.records.get(0).value()).isEqualTo(tail.get(0).value());
    assertThat(restTruth.toJson()).isEqualTo(wholeTruth.toJson());
  }

  @Test
  void startSkipsRecordsArrivingBeforeTheStartDate() throws Exception {
    Instant june = SimulateCommand.parseStart("2019-06-01");
    Years.ListSink sink = new Years.ListSink();
    new Simulation(Years.SMALL.withStart(june), Double.POSITIVE_INFINITY).run(sink, null);
    assertThat(sink.records).isNotEmpty();
    assertThat(sink.records).allMatch(r -> r.pacingMillis() >= june.toEpochMilli());
  }

  @Test
  void pacedRunReportsProgress() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    StringBuilder lines = new StringBuilder();
    Simulation sim =
        new Simulation(Years.SMALL.withEvents(2_000), Pacer.DEFAULT_SPEEDUP, clock)
            .onProgress(p -> lines.append(p.line()).append('\n'), java.time.Duration.ofSeconds(60));
    SimulationResult result = sim.run(new Years.ListSink(clock), null);
    // A year at the default speed-up lasts about ten (fake) minutes.
    assertThat(result.elapsed().toSeconds()).isBetween(590L, 610L);
    assertThat(lines.toString()).contains("campaign 2019-0").contains("done");
  }

  @Test
  void simulateCommandWritesTheFileAndTheTruth(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new SimulateCommand());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    Path file = dir.resolve("year.jsonl");
    Path truth = dir.resolve("truth.json");
    int code =
        cmd.execute(
            "--seed",
            "7",
            "--events",
            "20000",
            "--out",
            file.toString(),
            "--truth",
            truth.toString());
    assertThat(code).as(out.toString()).isZero();
    assertThat(file).exists();
    assertThat(truth).exists();
    assertThat(out.toString()).contains("records");
  }

  @Test
  void badOptionsAreUsageErrors(@TempDir Path dir) throws Exception {
    CommandLine cmd = new CommandLine(new SimulateCommand());
    StringWriter err = new StringWriter();
    cmd.setErr(new PrintWriter(err, true));
    assertThat(cmd.execute("--speedup", "fast")).isEqualTo(2);
    assertThat(cmd.execute("--duplicates", "2", "--out", dir.resolve("x").toString())).isEqualTo(2);
    Path broken = dir.resolve("broken.csv");
    Files.writeString(broken, "code,name\n");
    assertThat(cmd.execute("--registry", broken.toString(), "--out", dir.resolve("y").toString()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("broken.csv");
  }
}
