package org.live110.reliability.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardServer;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.output.ScopeSnapshot;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.CampaignBroker;
import org.live110.reliability.support.CrashSchedule;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.FlinkRest;
import org.live110.reliability.support.JobRun;
import org.live110.reliability.support.MiniClusters;
import org.live110.reliability.support.NeverBackwards;
import org.live110.reliability.support.ProgressTopic;
import org.live110.reliability.support.RecordingSink;
import org.live110.reliability.support.SimulatorRun;
import org.live110.simulator.FaultRates;
import org.live110.simulator.SimulationOptions;
import org.live110.simulator.SimulationResult;

/**
 * Crash loop and never backwards (RELIABILITY.md §1, §2): the stream job's own graph on a
 * MiniCluster reads a broker the simulator fills with a seeded year (with its default faults) while
 * an injected operator kills the job 10 times, each time after a completed checkpoint, at seeded
 * points. Invariants: the published totals equal the ground truth for every county, both tiers and
 * all (and the dead letters by reason); the job runs again within 60 s of each failure and never
 * fails for good.
 */
@Tag("reliability")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class CrashLoopTest {
  private static final long SEED = 110_2019L;
  private static final long EVENTS = 40_000;
  private static final int FAILURES = 10;
  private static final String SCHEDULE = "crash-loop";

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

  @TempDir Path dir;

  @Test
  void totalsStayExactThroughTenInjectedFailures(@InjectClusterClient ClusterClient<?> flinkClient)
      throws Exception {
    Figures figures = new Figures("crash-loop");
    SimulationOptions year = Campaign.year(SEED, EVENTS, FaultRates.DEFAULT);
    CrashSchedule schedule = CrashSchedule.register(SCHEDULE, FAILURES, SEED, 200, 1500);
    CampaignBroker broker = new CampaignBroker(dir.resolve("kafka")).start();
    RecordingSink sink = Campaign.sinkInto(broker.bootstrapServers(), year);
    JobRun job = null;
    ProgressTopic progress = null;
    DashboardConfig dashboardConfig =
        DashboardConfig.builder()
            .port(CampaignBroker.freePort())
            .bootstrapServers(broker.bootstrapServers())
            .build();
    AtomicReference<DashboardServer> dashboard =
        new AtomicReference<>(Dashboards.start(dashboardConfig));
    NeverBackwards screen = new NeverBackwards(() -> dashboard.get().url()).start();
    try {
      job = JobRun.start(JobRun.config(broker.bootstrapServers(), "crash-loop").build(), SCHEDULE);
      new FlinkRest(flinkClient.getWebInterfaceURL()).awaitPartitionsAssigned(job.jobId(), 8);
      // The year is paced so that input keeps arriving while the failures happen.
      SimulatorRun sim = SimulatorRun.start(year, Campaign.speedupFor(90), sink);

      await("half of the injected failures")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> schedule.failures() >= FAILURES / 2);
      // A dashboard restart in the middle of the crash loop: same port, view rebuilt from Kafka.
      dashboard.get().close();
      dashboard.set(Dashboards.start(dashboardConfig));

      SimulationResult produced = sim.await(240);
      figures.put("eventsProduced", produced.records()).put("byFault", produced.byFault());
      await("10 injected failures")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> schedule.failures() == FAILURES);

      progress = new ProgressTopic(broker.bootstrapServers(), Topics.DEFAULT.progress());
      ProgressTopic reader = progress;
      List<String> differences = JobChecks.awaitTruth(sink, reader, figures);
      ScopeSnapshot all = reader.scope(Scopes.ALL);
      figures
          .put("exactDuplicatesSent", sink.duplicatesSent())
          .put("distinctIdRepeatsSent", sink.distinctIdRepeatsSent())
          .put("duplicatesDroppedByJob", all == null ? null : all.duplicates())
          .put(
              "dedupExpiredSinceLastRestart",
              new FlinkRest(flinkClient.getWebInterfaceURL())
                  .operatorMetricSum(job.jobId(), "dedupExpired"));
      assertThat(differences).as("job totals vs ground truth").isEmpty();
      await("the dashboard to show the exact totals")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Dashboards.allTotals(dashboard.get()).equals(Dashboards.truthOfAll(sink)));

      List<Double> recovery = schedule.recoverySeconds();
      long restarts = new FlinkRest(flinkClient.getWebInterfaceURL()).restarts(job.jobId());
      figures
          .put("faultsInjected", schedule.failures())
          .put("failurePoints", schedule.where())
          .put("recoverySeconds", recovery)
          .put("maxRecoverySeconds", recovery.stream().mapToDouble(d -> d).max().orElse(-1))
          .put("jobRestarts", restarts)
          .put("scopesChecked", sink.truth().totals().size())
          .put("progressRecordsRead", reader.records())
          .put("staleSnapshotsHeldBack", reader.heldBack());

      screen.close();
      figures.put("dashboardRestarts", 1).put("neverBackwards", screen.figures());
      assertThat(recovery).hasSize(FAILURES).allSatisfy(s -> assertThat(s).isLessThan(60.0));
      assertThat(restarts).isEqualTo(FAILURES);
      assertThat(job.status()).isEqualTo(JobStatus.RUNNING);
      assertThat(screen.violations()).as("a screen saw a figure go backwards").isEmpty();
    } finally {
      figures.write();
      Campaign.closeQuietly(screen);
      Campaign.closeQuietly(dashboard.get());
      CrashSchedule.unregister(SCHEDULE);
      Campaign.closeQuietly(progress);
      Campaign.closeQuietly(job);
      Campaign.closeQuietly(sink);
      Campaign.closeQuietly(broker);
    }
  }
}
