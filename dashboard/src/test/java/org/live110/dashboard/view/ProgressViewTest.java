package org.live110.dashboard.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.dashboard.Fixtures.AS_OF;
import static org.live110.dashboard.Fixtures.EMITTED;
import static org.live110.dashboard.Fixtures.bucket;
import static org.live110.dashboard.Fixtures.session;
import static org.live110.dashboard.Fixtures.snapshot;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.live110.dashboard.Fixtures;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;

class ProgressViewTest {
  private static final Instant MINUTE = Instant.parse("2019-06-18T12:00:00Z");

  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(EMITTED.plusSeconds(5));
  private final ProgressView view = Fixtures.view(clock);

  @Test
  void keepsANewerSnapshotAndIgnoresAnOlderOne() {
    assertThat(view.apply(snapshot(Scopes.ALL, 5, 50))).isTrue();
    assertThat(view.apply(snapshot(Scopes.ALL, 4, 40))).isFalse();
    assertThat(view.apply(snapshot(Scopes.ALL, 5, 60))).isFalse();

    assertThat(view.snapshot(Scopes.ALL).orElseThrow().version()).isEqualTo(5);
    assertThat(view.snapshot(Scopes.ALL).orElseThrow().total(Kpi.ORDERS)).isEqualTo(50);
  }

  @Test
  void holdsBackAHigherVersionThatWouldMoveANeverDecreasingFigureBackwards() {
    view.apply(snapshot(Scopes.ALL, 5, 50));
    // A replayed state with a higher version but fewer orders: the screen must not go backwards.
    assertThat(view.apply(snapshot(Scopes.ALL, 6, 49))).isFalse();
    assertThat(view.snapshot(Scopes.ALL).orElseThrow().total(Kpi.ORDERS)).isEqualTo(50);

    assertThat(view.apply(snapshot(Scopes.ALL, 7, 51))).isTrue();
    assertThat(view.snapshot(Scopes.ALL).orElseThrow().total(Kpi.ORDERS)).isEqualTo(51);
  }

  @Test
  void rejectsAndCountsAScopeOutsideTheRegistry() {
    assertThat(view.apply(snapshot(Scopes.county("999999"), 1, 1))).isFalse();
    assertThat(view.snapshots()).isEmpty();
    assertThat(view.badRecords()).containsEntry("unknown_scope", 1L);
  }

  @Test
  void campaignClockIsTheNewestAsOfOfAnyScope() {
    view.apply(snapshot(Scopes.ALL, 1, 1, AS_OF));
    view.apply(snapshot(Scopes.county(Fixtures.CORE_COUNTY), 1, 1, AS_OF.minusSeconds(60)));
    assertThat(view.asOf()).isEqualTo(AS_OF);
  }

  @Test
  void aLiveUpdateCountsAtItsArrival() {
    assertThat(view.lastUpdateAge()).isNull();
    view.apply(snapshot(Scopes.ALL, 1, 1));
    assertThat(view.lastUpdate()).isEqualTo(EMITTED.plusSeconds(5));
    clock.set(EMITTED.plusSeconds(65));
    assertThat(view.lastUpdateAge()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aReplayedUpdateCountsAtTheJobsEmitTimeNeverInTheFuture() {
    view.setReplaying(true);
    view.apply(snapshot(Scopes.ALL, 1, 1));
    assertThat(view.lastUpdate()).isEqualTo(EMITTED);
    assertThat(view.lastUpdateAge()).isEqualTo(Duration.ofSeconds(5));

    clock.set(EMITTED.minusSeconds(10)); // the job's clock runs ahead of ours
    view.apply(snapshot(Scopes.ALL, 2, 2));
    assertThat(view.lastUpdate()).isEqualTo(EMITTED);
  }

  @Test
  void deadLetterSummaryKeepsTheHighestVersion() {
    view.apply(new DeadLetterSummary(3, 3, Map.of("malformed_json", 3L), EMITTED));
    assertThat(view.apply(new DeadLetterSummary(2, 2, Map.of("malformed_json", 2L), EMITTED)))
        .isFalse();
    assertThat(view.deadLetters().total()).isEqualTo(3);
  }

  @Test
  void seriesKeepsTheHighestVersionPerMinute() {
    view.apply(bucket(Scopes.ALL, MINUTE, 2, 200));
    assertThat(view.apply(bucket(Scopes.ALL, MINUTE, 1, 100))).isFalse();
    assertThat(view.series(Scopes.ALL, 1440))
        .extracting(MinuteBucket::salesFen)
        .containsExactly(200L);
  }

  @Test
  void seriesKeepsTheLast1440MinutesEndingAtTheNewestBucket() {
    for (int i = 0; i < 1500; i++) {
      view.apply(bucket(Scopes.ALL, MINUTE.plusSeconds(60L * i), 1, i));
    }
    List<MinuteBucket> all = view.series(Scopes.ALL, 1440);
    assertThat(all).hasSize(1440);
    assertThat(all.get(0).salesFen()).isEqualTo(60);
    assertThat(all.get(1439).salesFen()).isEqualTo(1499);
    assertThat(view.series(Scopes.ALL, 3))
        .extracting(MinuteBucket::salesFen)
        .containsExactly(1497L, 1498L, 1499L);
    // A bucket older than the window is refused rather than stored and evicted.
    assertThat(view.apply(bucket(Scopes.ALL, MINUTE, 2, 0))).isFalse();
    assertThat(view.series(Scopes.county(Fixtures.CORE_COUNTY), 10)).isEmpty();
  }

  @Test
  void endedSessionsAreBoundedAndAnEvictedOneDoesNotComeBack() {
    ProgressView small = new ProgressView(Fixtures.REGISTRY, clock, 2, 3);
    for (int i = 1; i <= 5; i++) {
      small.apply(session("s" + i, LiveSession.ENDED, 10, "t"));
    }
    assertThat(small.endedSessionCount()).isEqualTo(3);
    assertThat(small.session("s1")).isEmpty();
    assertThat(small.session("s5")).isPresent();
    // A re-sent older (live) state of an evicted session stays out.
    assertThat(small.apply(session("s1", LiveSession.LIVE, 9, "t"))).isFalse();
    assertThat(small.session("s1")).isEmpty();
  }

  @Test
  void liveSessionsAreBoundedByEvictingTheLongestSilent() {
    ProgressView small = new ProgressView(Fixtures.REGISTRY, clock, 2, 3);
    small.apply(withLastEvent(session("a", LiveSession.LIVE, 1, "t"), AS_OF.minusSeconds(30)));
    small.apply(withLastEvent(session("b", LiveSession.LIVE, 1, "t"), AS_OF.minusSeconds(10)));
    small.apply(withLastEvent(session("c", LiveSession.LIVE, 1, "t"), AS_OF));
    assertThat(small.liveSessionCount()).isEqualTo(2);
    assertThat(small.session("a")).isEmpty();
  }

  @Test
  void aSessionMovesFromLiveToEndedAndIsListedAfterLiveOnes() {
    view.apply(session("old", LiveSession.LIVE, 1, "t"));
    view.apply(session("old", LiveSession.ENDED, 2, "t"));
    view.apply(session("new", LiveSession.LIVE, 1, "t"));
    assertThat(view.sessions(true, 500)).extracting(LiveSession::sessionId).containsExactly("new");
    assertThat(view.sessions(false, 500))
        .extracting(LiveSession::sessionId)
        .containsExactly("new", "old");
    assertThat(view.sessions(false, 1)).extracting(LiveSession::sessionId).containsExactly("new");
  }

  @Test
  void listenersHearOnlyAcceptedChanges() {
    List<String> heard = new ArrayList<>();
    view.addListener(
        new ViewListener() {
          @Override
          public void scopeChanged(String scope) {
            heard.add("scope " + scope);
          }

          @Override
          public void bucketChanged(String scope, Instant minute) {
            heard.add("bucket " + scope);
          }

          @Override
          public void sessionChanged(String sessionId) {
            heard.add("session " + sessionId);
          }

          @Override
          public void deadLettersChanged() {
            heard.add("deadletters");
          }
        });
    view.apply(snapshot(Scopes.ALL, 2, 2));
    view.apply(snapshot(Scopes.ALL, 1, 1));
    view.apply(bucket(Scopes.ALL, MINUTE, 1, 1));
    view.apply(session("x", LiveSession.LIVE, 1, "t"));
    view.apply(new DeadLetterSummary(1, 1, new HashMap<>(Map.of("bad_value", 1L)), EMITTED));
    assertThat(heard).containsExactly("scope all", "bucket all", "session x", "deadletters");
  }

  private static LiveSession withLastEvent(LiveSession s, Instant last) {
    return new LiveSession(
        s.sessionId(),
        s.countyCode(),
        s.hostId(),
        s.platform(),
        s.title(),
        s.status(),
        s.startedAt(),
        s.endedAt(),
        last,
        s.viewersOnline(),
        s.peakViewers(),
        s.newViewers(),
        s.likes(),
        s.orders(),
        s.salesFen(),
        s.version(),
        s.emittedAt());
  }
}
