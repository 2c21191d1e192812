package org.live110.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.testing.CampaignScenario;
import org.live110.jobs.testing.CollectingSinks;
import org.live110.jobs.testing.ExpectedScope;
import org.live110.jobs.testing.FailOnceAfterCheckpoint;
import org.live110.jobs.testing.GeneratedSources;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.ScopeSnapshot;
import org.live110.model.plan.TargetBook;

/**
 * The whole graph on a MiniCluster (parallelism 2) over a few thousand generated events with
 * duplicates, shuffled times, refunds and bad records: every KPI of every scope, every series
 * bucket, every session and the dead letters compared with an independently computed expectation;
 * then the same run with a failure injected half-way, after a completed checkpoint.
 */
class ProgressJobMiniClusterTest {
  private static final int PARALLELISM = 2;
  private static final int MAX_BYTES = 2048;
  private static final long SEED = 20190601L;

  @RegisterExtension
  static final MiniClusterExtension CLUSTER =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(PARALLELISM)
              .build());

  private final CampaignPlan plan = CampaignPlan.load(JobConfig.builder().build());
  private final CampaignScenario scenario =
      CampaignScenario.generate(SEED, 3000, plan.registry(), MAX_BYTES);
  private final CollectingSinks sinks = new CollectingSinks();

  @AfterEach
  void clear() {
    sinks.clear();
  }

  private JobConfig config() {
    return JobConfig.builder()
        .parallelism(PARALLELISM)
        .checkpointInterval(Duration.ofMillis(100))
        .maxRecordBytes(MAX_BYTES)
        .build();
  }

  @Test
  void everyFigureOfEveryScopeIsExact() throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.build(
        env,
        GeneratedSources.of(scenario.records, RateLimiterStrategy.noOp(), null),
        sinks,
        config(),
        plan);
    env.execute("exact figures");

    assertThat(scenario.records.size()).isGreaterThan(3000);
    assertEverythingExact(false);
  }

  @Test
  void totalsStayExactWhenTheJobFailsHalfWayAfterACheckpoint() throws Exception {
    FailOnceAfterCheckpoint.reset();
    int perSubtask = scenario.records.size() / PARALLELISM;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.build(
        env,
        GeneratedSources.of(
            scenario.records,
            // A slice of the input per checkpoint, so checkpoints complete along the way.
            RateLimiterStrategy.perCheckpoint(perSubtask / 8),
            new FailOnceAfterCheckpoint(perSubtask / 2)),
        sinks,
        config(),
        plan);
    env.execute("exact figures after a failure");

    assertThat(FailOnceAfterCheckpoint.hasFailed()).isTrue();
    assertEverythingExact(true);
  }

  private void assertEverythingExact(boolean afterFailure) {
    TargetBook targets = plan.targets();
    Map<String, ScopeSnapshot> last = sinks.lastSnapshots();
    Map<String, ScopeSnapshot> kept = sinks.supersedingSnapshots();
    // all, both tiers and every county of the registry
    assertThat(last).hasSize(3 + plan.registry().size());
    for (String scope : targets.scopes()) {
      ExpectedScope e = scenario.scope(scope);
      for (ScopeSnapshot s : new ScopeSnapshot[] {last.get(scope), kept.get(scope)}) {
        assertThat(s.totals()).as(scope).isEqualTo(e.totals());
        assertThat(s.grossSalesFen()).as(scope).isEqualTo(e.gross);
        assertThat(s.refundedFen()).as(scope).isEqualTo(e.refunded);
        assertThat(s.total(Kpi.SALES_FEN)).as(scope).isEqualTo(e.gross - e.refunded);
        assertThat(s.livestreamSalesFen()).as(scope).isEqualTo(e.livestream);
        assertThat(s.version()).as(scope).isEqualTo(e.version);
        assertThat(s.duplicates()).as(scope).isEqualTo(e.duplicates);
      }
      ScopeSnapshot s = last.get(scope);
      // Every scope is flushed at end of input, when the clock reads the year's last day.
      assertThat(s.day()).as(scope).isEqualTo(CampaignScenario.LAST_DAY.toString());
      assertThat(s.asOf()).as(scope).isEqualTo(plan.calendar().end());
      assertThat(s.today()).as(scope).isEqualTo(e.todayMap());
      Map<Kpi, Long> t = targets.targetsOf(scope);
      for (Kpi kpi : Kpi.all()) {
        assertThat(s.targets().get(kpi.key())).as(scope + " " + kpi).isEqualTo(t.get(kpi));
        assertThat(s.progress().get(kpi.key()))
            .as(scope + " " + kpi)
            .isEqualTo(plan.calendar().progress(e.kpis[kpi.ordinal()], t.get(kpi), s.asOf()));
      }
    }
    assertThat(scenario.scope(Scopes.ALL).duplicates).isGreaterThan(100);
    assertThat(scenario.scope(Scopes.ALL).refunded).isGreaterThan(0);

    // Never backwards for a reader keeping the superseding snapshot: no kept figure decreases.
    for (ScopeSnapshot s : sinks.allSnapshots()) {
      ScopeSnapshot fin = kept.get(s.scope());
      assertThat(s.version()).isLessThanOrEqualTo(fin.version());
    }

    DeadLetterSummary dl = sinks.deadLetterSummary();
    assertThat(dl.byReason()).isEqualTo(scenario.deadLettersByReason);
    assertThat(dl.total()).isEqualTo(scenario.deadLetterCoordinates.size());
    Set<String> written = new HashSet<>();
    for (DeadLetter d : sinks.deadLetters.values()) {
      written.add(d.topic + "/" + d.partition + "/" + d.offset + "/" + d.reason);
      if ("too_large".equals(d.reason)) {
        assertThat(d.truncated).isTrue();
        assertThat(d.value).hasSize(MAX_BYTES);
        assertThat(d.size).isGreaterThan(MAX_BYTES);
      } else {
        assertThat(d.truncated).isFalse();
        assertThat(d.value).hasSize(d.size);
      }
    }
    assertThat(written).isEqualTo(scenario.deadLetterCoordinates);
    if (!afterFailure) {
      assertThat(sinks.deadLetters.values()).hasSize(scenario.deadLetterCoordinates.size());
    }

    Map<String, MinuteBucket> buckets = sinks.buckets();
    Set<String> missing = new TreeSet<>(scenario.buckets.keySet());
    missing.removeAll(buckets.keySet());
    Set<String> extra = new TreeSet<>(buckets.keySet());
    extra.removeAll(scenario.buckets.keySet());
    assertThat(missing).as("missing buckets").isEmpty();
    assertThat(extra).as("unexpected buckets").isEmpty();
    for (Map.Entry<String, long[]> e : scenario.buckets.entrySet()) {
      MinuteBucket b = buckets.get(e.getKey());
      long[] x = e.getValue();
      assertThat(
              new long[] {
                b.version(), b.salesFen(), b.orders(), b.exposure(), b.reads(), b.newViewers()
              })
          .as(e.getKey())
          .isEqualTo(x);
    }

    Map<String, LiveSession> sessions = sinks.sessionsById();
    assertThat(sessions.keySet()).isEqualTo(scenario.sessions.keySet());
    for (Map.Entry<String, CampaignScenario.ExpectedSession> e : scenario.sessions.entrySet()) {
      LiveSession s = sessions.get(e.getKey());
      CampaignScenario.ExpectedSession x = e.getValue();
      assertThat(s.status()).as(e.getKey()).isEqualTo(x.status);
      assertThat(s.countyCode()).isEqualTo(x.countyCode);
      assertThat(s.startedAt()).isEqualTo(Instant.ofEpochMilli(x.startedAt));
      assertThat(s.endedAt()).isEqualTo(Instant.ofEpochMilli(x.endedAt));
      assertThat(s.lastEventAt()).isEqualTo(Instant.ofEpochMilli(x.lastEventAt));
      assertThat(s.viewersOnline()).isEqualTo(x.viewersOnline);
      assertThat(s.peakViewers()).isEqualTo(x.peakViewers);
      assertThat(s.newViewers()).isEqualTo(x.newViewers);
      assertThat(s.likes()).isEqualTo(x.likes);
      assertThat(s.orders()).as(e.getKey()).isEqualTo(x.orders);
      assertThat(s.salesFen()).isEqualTo(x.salesFen);
    }
  }
}
