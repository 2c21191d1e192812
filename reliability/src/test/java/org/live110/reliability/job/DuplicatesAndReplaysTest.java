package org.live110.reliability.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.output.ScopeSnapshot;
import org.live110.reliability.support.AdditiveReplay;
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
import org.live110.simulator.SimRecord;
import org.live110.simulator.SimulationOptions;
import org.live110.simulator.gen.CampaignYear;

/**
 * Duplicates and replays (RELIABILITY.md §4).
 *
 * <p>Phase 1: a year with 5% exact duplicates; the simulator is stopped at 60% of the year and
 * started again a stretch earlier (re-sending {@value #STRETCH} records, as a restarted producer
 * without exact bookkeeping does). Invariants: totals exact; the job's dedup metric ({@code
 * duplicates} of scope {@code all}) equals the number of duplicate valid events sent.
 *
 * <p>Phase 2: the first {@value #OLD_STRETCH} records of the year are replayed once the campaign
 * clock is at year end — far older than the dedup state's lifetime (7 days). The documented policy
 * (stream-jobs README): distinct-id KPIs cannot count again (their id sets live for the campaign);
 * additive events do count again and are flagged {@code dedupExpired}. The test pins that behaviour
 * exactly: totals = truth + the replayed additive amounts, {@code dedupExpired} = the replayed
 * additive events, duplicates += the replayed distinct-id events.
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DuplicatesAndReplaysTest {
  private static final long SEED = 4_2019L;
  private static final long EVENTS = 30_000;
  // ~2 campaign days at this size: a restarted producer re-sends what it was not sure of, well
  // within the job's 7-day dedup retention (phase 2 covers replays older than that).
  private static final int STRETCH = 200;
  private static final int OLD_STRETCH = 400;
  private static final int INPUT_PARTITIONS = 8;

  @RegisterExtension static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

  @TempDir Path dir;

  @Test
  void duplicatesCountOnceAndReplaysOlderThanTheDedupLifetimeFollowThePolicy(
      @InjectClusterClient ClusterClient<?> flinkClient) throws Exception {
    Figures figures = new Figures("duplicates-and-replays");
    SimulationOptions year = Campaign.year(SEED, EVENTS, FaultRates.NONE.withDuplicate(0.05));
    CampaignBroker broker = new CampaignBroker(dir.resolve("kafka")).start();
    RecordingSink sink = Campaign.sinkInto(broker.bootstrapServers(), year);
    JobConfig config = JobRun.config(broker.bootstrapServers(), "duplicates").build();
    JobRun job = null;
    ProgressTopic reader = null;
    try {
      job = JobRun.start(config, null);
      FlinkRest rest = new FlinkRest(flinkClient.getWebInterfaceURL());
      rest.awaitPartitionsAssigned(job.jobId(), INPUT_PARTITIONS);

      // ---- phase 1: 5% duplicates and a simulator restarted mid-run
      long stopAt = Math.round(EVENTS * 1.05 * 0.6);
      SimulatorRun first = SimulatorRun.start(year, Double.POSITIVE_INFINITY, sink, stopAt);
      first.await(120);
      long sentBeforeRestart = sink.sent();
      SimulatorRun second =
          SimulatorRun.start(
              year.withSkipRecords(sentBeforeRestart - STRETCH), Double.POSITIVE_INFINITY, sink);
      second.await(120);
      figures
          .put("recordsSent", sink.sent())
          .put("simulatorStoppedAfter", sentBeforeRestart)
          .put("stretchResent", STRETCH)
          .put("exactDuplicatesInjected", sink.duplicatesSent())
          .put("distinctIdRepeatsInStream", sink.distinctIdRepeatsSent());

      reader = new ProgressTopic(broker.bootstrapServers(), Topics.DEFAULT.progress());
      List<String> differences = JobChecks.awaitTruth(sink, reader, figures);
      long duplicatesSent = sink.duplicatesSent() + sink.distinctIdRepeatsSent();
      ScopeSnapshot atExactTotals = reader.scope(Scopes.ALL);
      figures.put(
          "duplicatesWhenTotalsBecameExact",
          atExactTotals == null ? null : atExactTotals.duplicates());
      ScopeSnapshot all = JobChecks.awaitDuplicates(reader, duplicatesSent);
      figures
          .put("duplicatesDroppedByJob", all.duplicates())
          .put("dedupExpiredPhase1", rest.operatorMetricSum(job.jobId(), "dedupExpired"))
          .put("lateEventsPhase1", rest.operatorMetricSum(job.jobId(), "lateEvents"));
      assertThat(differences).as("phase 1: job totals vs ground truth").isEmpty();
      // The job's metric counts exact duplicates and repeated distinct ids alike (see
      // RELIABILITY.md).
      assertThat(all.duplicates())
          .as("the job's dedup metric vs duplicates injected (+ distinct-id repeats)")
          .isEqualTo(duplicatesSent);

      // ---- phase 2: a replay older than the dedup state's lifetime
      Instant clock = all.asOf();
      AdditiveReplay policy =
          new AdditiveReplay(
              new EventParser(Campaign.REGISTRY, year.calendar(), year.maxRecordBytes()),
              Campaign.REGISTRY);
      CampaignYear again = new CampaignYear(year);
      long newestReplayed = Long.MIN_VALUE;
      for (int i = 0; i < OLD_STRETCH && again.hasNext(); i++) {
        SimRecord r = again.next();
        newestReplayed = Math.max(newestReplayed, r.pacingMillis());
        policy.accept(r.value());
        sink.send(r);
      }
      sink.flush();
      Duration age = Duration.between(Instant.ofEpochMilli(newestReplayed), clock);
      figures
          .put("oldReplayRecords", OLD_STRETCH)
          .put("oldReplayMinAgeDays", age.toHours() / 24.0)
          .put("dedupRetentionDays", config.dedupRetention().toDays())
          .put("oldReplayAdditiveEvents", policy.additiveEvents())
          .put("oldReplayDistinctIdEvents", policy.distinctEvents());
      assertThat(age)
          .as("the replay is older than the dedup retention")
          .isGreaterThan(config.dedupRetention().plusDays(1));

      Map<String, Map<Kpi, Long>> truth = sink.truth().totals();
      Map<String, Map<Kpi, Long>> extra = policy.extraByScope();
      long expectedDuplicates = all.duplicates() + policy.distinctEvents();
      List<String> policyDiffs = new ArrayList<>();
      Instant deadline = Instant.now().plus(JobChecks.CONVERGENCE);
      do {
        policyDiffs.clear();
        Map<String, ScopeSnapshot> scopes = reader.poll().scopes();
        for (Map.Entry<String, Map<Kpi, Long>> scope : truth.entrySet()) {
          for (Kpi kpi : Kpi.values()) {
            long expected = scope.getValue().get(kpi) + extra.get(scope.getKey()).get(kpi);
            ScopeSnapshot s = scopes.get(scope.getKey());
            long actual = s == null ? 0 : s.total(kpi);
            if (expected != actual) {
              policyDiffs.add(
                  scope.getKey() + " " + kpi.key() + ": policy " + expected + ", job " + actual);
            }
          }
        }
        if (reader.scope(Scopes.ALL).duplicates() != expectedDuplicates) {
          policyDiffs.add(
              "duplicates: policy "
                  + expectedDuplicates
                  + ", job "
                  + reader.scope(Scopes.ALL).duplicates());
        }
      } while (!policyDiffs.isEmpty() && Instant.now().isBefore(deadline));
      long expired = rest.awaitOperatorMetric(job.jobId(), "dedupExpired", policy.additiveEvents());
      figures
          .put("oldReplayCountedAgain_exposure", extra.get(Scopes.ALL).get(Kpi.EXPOSURE))
          .put("oldReplayCountedAgain_trainees", extra.get(Scopes.ALL).get(Kpi.TRAINEES))
          .put("dedupExpiredMetric", expired)
          .put(
              "policyDifferences",
              policyDiffs.size() > 20 ? policyDiffs.subList(0, 20) : policyDiffs);
      assertThat(policyDiffs).as("phase 2: job vs the documented dedup policy").isEmpty();
      assertThat(expired).as("dedupExpired metric").isEqualTo(policy.additiveEvents());
    } finally {
      figures.write();
      Campaign.closeQuietly(reader);
      Campaign.closeQuietly(job);
      Campaign.closeQuietly(sink);
      Campaign.closeQuietly(broker);
    }
  }
}
