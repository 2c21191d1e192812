package org.live110.reliability.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.model.Topics;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.CampaignBroker;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.FlinkRest;
import org.live110.reliability.support.JobRun;
import org.live110.reliability.support.MiniClusters;
import org.live110.reliability.support.ProgressTopic;
import org.live110.reliability.support.RecordingSink;
import org.live110.reliability.support.SimulatorRun;
import org.live110.simulator.FaultRates;
import org.live110.simulator.SimulationOptions;

/**
 * Broker restart (RELIABILITY.md §3): while the simulator produces and the job counts, the broker
 * is stopped and a new one started on the same log directory and port — twice. Nobody restarts the
 * job. Invariants: the job is running again by itself, the published totals equal the truth (no
 * loss, no double count), and the simulator's idempotent producer lost nothing either.
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BrokerRestartTest {
  private static final long SEED = 3_2019L;
  private static final long EVENTS = 30_000;
  private static final int RESTARTS = 2;

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

  @TempDir Path dir;

  @Test
  void jobRecoversByItselfAndTotalsStayExactAcrossBrokerRestarts(
      @InjectClusterClient ClusterClient<?> flinkClient) throws Exception {
    Figures figures = new Figures("broker-restart");
    SimulationOptions year = Campaign.year(SEED, EVENTS, FaultRates.DEFAULT);
    CampaignBroker broker = new CampaignBroker(dir.resolve("kafka")).start();
    RecordingSink sink = Campaign.sinkInto(broker.bootstrapServers(), year);
    JobRun job = null;
    ProgressTopic reader = null;
    try {
      job = JobRun.start(JobRun.config(broker.bootstrapServers(), "broker-restart").build(), null);
      new FlinkRest(flinkClient.getWebInterfaceURL()).awaitPartitionsAssigned(job.jobId(), 8);
      SimulatorRun sim = SimulatorRun.start(year, Campaign.speedupFor(60), sink);
      List<Double> downSeconds = new ArrayList<>();
      for (int i = 1; i <= RESTARTS; i++) {
        long due = sink.validSent() + EVENTS / (RESTARTS + 1);
        await("the simulator to get further into the year")
            .atMost(Duration.ofMinutes(1))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> sink.validSent() >= due || sim.isDone());
        long t0 = System.nanoTime();
        broker.restart();
        downSeconds.add((System.nanoTime() - t0) / 1e9);
      }
      figures.put("brokerRestarts", broker.restarts()).put("brokerDownSeconds", downSeconds);
      figures.put("eventsProduced", sim.await(180).records());

      reader = new ProgressTopic(broker.bootstrapServers(), Topics.DEFAULT.progress());
      List<String> differences = JobChecks.awaitTruth(sink, reader, figures);
      JobRun running = job;
      await("the job running")
          .atMost(Duration.ofSeconds(60))
          .until(() -> running.status() == JobStatus.RUNNING);
      figures.put(
          "jobRestarts", new FlinkRest(flinkClient.getWebInterfaceURL()).restarts(job.jobId()));
      assertThat(differences).as("job totals vs ground truth").isEmpty();
      assertThat(sink.acknowledged())
          .as("records acknowledged by the broker")
          .isEqualTo(sink.sent());
    } finally {
      figures.write();
      Campaign.closeQuietly(reader);
      Campaign.closeQuietly(job);
      Campaign.closeQuietly(sink);
      Campaign.closeQuietly(broker);
    }
  }
}
