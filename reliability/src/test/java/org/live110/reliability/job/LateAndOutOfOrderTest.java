package org.live110.reliability.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.test.junit5.InjectClusterClient;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.live110.jobs.JobConfig;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.TrainingAttended;
import org.live110.model.event.TrainingMode;
import org.live110.model.registry.County;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.CampaignBroker;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.FlinkRest;
import org.live110.reliability.support.JobRun;
import org.live110.reliability.support.MiniClusters;
import org.live110.reliability.support.ProgressTopic;
import org.live110.reliability.support.RecordingSink;
import org.live110.reliability.support.ShufflingSink;
import org.live110.reliability.support.SimulatorRun;
import org.live110.simulator.Fault;
import org.live110.simulator.FaultRates;
import org.live110.simulator.SimRecord;
import org.live110.simulator.SimulationOptions;

/**
 * Late and out-of-order (RELIABILITY.md §6): a year delivered with bounded disorder (arrival order
 * shuffled within {@value #SHUFFLE_WINDOW} records), 1% of events 2–30 campaign minutes late and 1%
 * 2–8 hours late (both beyond the job's 5 s bound), and — once the campaign clock has reached the
 * year's end — {@value #DAYS_LATE} new events 2 to 60 days late. Invariants: every valid event is
 * in the annual totals (exact against the truth); nothing within the 24 h series window is called
 * late; each days-late event that feeds the per-minute series is counted by the {@code lateEvents}
 * metric — once per series scope it would have fed (county, tier, all).
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LateAndOutOfOrderTest {
  private static final long SEED = 6_2019L;
  private static final long EVENTS = 30_000;
  private static final int SHUFFLE_WINDOW = 4;
  private static final int DAYS_LATE = 300;
  private static final int SERIES_SCOPES_PER_EVENT = 3;
  private static final int INPUT_PARTITIONS = 8;

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

  @TempDir Path dir;

  @Test
  void everyValidEventCountsAndThoseTooLateForTheSeriesAreCountedAsLate(
      @InjectClusterClient ClusterClient<?> flinkClient) throws Exception {
    Figures figures = new Figures("late-and-out-of-order");
    SimulationOptions year =
        Campaign.year(SEED, EVENTS, FaultRates.NONE.withOutOfOrder(0.01).withLate(0.01));
    CampaignBroker broker = new CampaignBroker(dir.resolve("kafka")).start();
    RecordingSink sink = Campaign.sinkInto(broker.bootstrapServers(), year);
    JobConfig config = JobRun.config(broker.bootstrapServers(), "late").build();
    JobRun job = null;
    ProgressTopic reader = null;
    try {
      job = JobRun.start(config, null);
      FlinkRest rest = new FlinkRest(flinkClient.getWebInterfaceURL());
      rest.awaitPartitionsAssigned(job.jobId(), INPUT_PARTITIONS);
      // Paced, so every partition keeps receiving: the clock is held back by the slowest one.
      SimulatorRun sim =
          SimulatorRun.start(
              year, Campaign.speedupFor(35), new ShufflingSink(sink, SHUFFLE_WINDOW, SEED));
      figures.put("byFault", sim.await(180).byFault()).put("shuffleWindow", SHUFFLE_WINDOW);

      reader = new ProgressTopic(broker.bootstrapServers(), Topics.DEFAULT.progress());
      List<String> inYear = JobChecks.awaitTruth(sink, reader, figures);
      long lateBefore = rest.operatorMetricSum(job.jobId(), "lateEvents");
      figures.put("lateEventsMetricBeforeDaysLate", lateBefore);
      assertThat(inYear).as("totals with minutes- and hours-late events").isEmpty();
      assertThat(lateBefore).as("nothing within the series window is late").isZero();

      Instant clock = reader.scope(Scopes.ALL).asOf();
      int seriesEvents = sendDaysLate(sink, clock);
      sink.flush();
      long expectedLate = (long) seriesEvents * SERIES_SCOPES_PER_EVENT;
      List<String> afterLate = JobChecks.awaitTruth(sink, reader, figures);
      long late = rest.awaitOperatorMetric(job.jobId(), "lateEvents", expectedLate);
      figures
          .put("campaignClockAtDaysLate", clock.toString())
          .put("daysLateEventsSent", DAYS_LATE)
          .put("daysLateSeriesEvents", seriesEvents)
          .put("lateEventsMetricExpected", expectedLate)
          .put("lateEventsMetric", late);
      assertThat(afterLate).as("totals with days-late events").isEmpty();
      assertThat(late).as("lateEvents metric").isEqualTo(expectedLate);
    } finally {
      figures.write();
      Campaign.closeQuietly(reader);
      Campaign.closeQuietly(job);
      Campaign.closeQuietly(sink);
      Campaign.closeQuietly(broker);
    }
  }

  /**
   * New valid events 2–60 days before the clock, each in its own county-minute (so the job's
   * per-minute coalescing cannot merge two into one series fact). Returns how many feed the series
   * (exposure and paid orders; trainings do not).
   */
  private static int sendDaysLate(RecordingSink sink, Instant clock) throws Exception {
    Random random = new Random(SEED);
    List<County> counties = Campaign.REGISTRY.counties();
    Set<String> countyMinutes = new HashSet<>();
    int series = 0;
    for (int i = 0; i < DAYS_LATE; i++) {
      County c;
      Instant t;
      do {
        c = counties.get(random.nextInt(counties.size()));
        long back =
            Duration.ofDays(2).toMillis()
                + (long) (random.nextDouble() * Duration.ofDays(58).toMillis());
        t = clock.minusMillis(back);
      } while (!countyMinutes.add(c.code() + "@" + t.toEpochMilli() / 60_000));
      CampaignEvent e;
      if (i % 6 == 5) {
        e =
            new TrainingAttended(
                "late-tr-" + i,
                t,
                c.code(),
                "late-trainee-" + i,
                "late-course",
                TrainingMode.ONLINE);
      } else if (i % 2 == 0) {
        e =
            new ContentExposure(
                "late-ex-" + i,
                t,
                c.code(),
                "late-content-" + i,
                AuthorKind.TRAINEE,
                "douyin",
                1_000 + i,
                10 + i);
        series++;
      } else {
        e =
            new OrderPaid(
                "late-or-" + i,
                t,
                c.code(),
                "late-order-" + i,
                "late-shop",
                "late-product",
                1,
                990 + i,
                SalesChannel.STORE,
                null);
        series++;
      }
      sink.send(
          new SimRecord(
              Topics.DEFAULT.inputFor(e.type()),
              c.code(),
              EventWriter.toJson(e),
              t.toEpochMilli(),
              Fault.LATE));
    }
    return series;
  }
}
