package org.live110.dashboard.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.Fixtures;
import org.live110.dashboard.service.ProgressService;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Scopes;
import org.live110.model.output.LiveSession;

/**
 * The hub without HTTP and without its threads: clients are fake sinks whose writes the test
 * completes (or not), and the test calls {@link SseHub#tick} itself — every step is deterministic.
 */
class SseHubTest {
  private final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.EMITTED);
  private final ProgressView view = Fixtures.view(clock);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private SseHub hub;

  private SseHub hub(DashboardConfig.Builder config) {
    ProgressService service =
        new ProgressService(
            Fixtures.REGISTRY, Fixtures.TARGETS, Fixtures.CALENDAR, view, Duration.ofSeconds(30));
    hub = new SseHub(service, view, new ObjectMapper(), config.build(), meters);
    view.addListener(hub);
    return hub;
  }

  @AfterEach
  void close() {
    if (hub != null) {
      hub.close();
    }
  }

  /** A client's response: records every write; completes it at once or when the test says. */
  static class FakeSink implements SseSink {
    final boolean completesAtOnce;
    final List<String> written = new ArrayList<>();
    final List<Integer> stackDepths = new ArrayList<>();
    final Deque<Done> inFlight = new ArrayDeque<>();
    volatile boolean completed;
    volatile boolean aborted;

    FakeSink(boolean completesAtOnce) {
      this.completesAtOnce = completesAtOnce;
    }

    @Override
    public void write(ByteBuffer frames, Done done) {
      byte[] b = new byte[frames.remaining()];
      frames.get(b);
      synchronized (this) {
        written.add(new String(b, StandardCharsets.UTF_8));
        stackDepths.add(Thread.currentThread().getStackTrace().length);
        if (!completesAtOnce) {
          inFlight.add(done);
          return;
        }
      }
      done.done(null);
    }

    /** The network took the oldest write in flight. */
    void completeOne() {
      Done d;
      synchronized (this) {
        d = inFlight.poll();
      }
      d.done(null);
    }

    synchronized List<String> written() {
      return new ArrayList<>(written);
    }

    @Override
    public void complete() {
      completed = true;
    }

    @Override
    public void abort() {
      aborted = true;
    }
  }

  private static long id(String frame) {
    String first = frame.startsWith("retry:") ? frame.split("\n")[1] : frame.split("\n")[0];
    return Long.parseLong(first.substring("id: ".length()));
  }

  private double released(String reason) {
    return meters.get("dashboard.sse.released").tag("reason", reason).counter().count();
  }

  @Test
  void oneWriteAtATimeAndTheNextStartsWhenTheNetworkTookTheLast() {
    hub(DashboardConfig.builder());
    FakeSink sink = new FakeSink(false);
    assertThat(hub.connect("10.0.0.1", sink)).isEqualTo(SseHub.Admission.ACCEPTED);
    assertThat(sink.written()).as("the coalescer gives the snapshot").isEmpty();
    assertThat(hub.clientCount()).isEqualTo(1);
    hub.admitJoining();
    assertThat(sink.written()).hasSize(1);
    assertThat(sink.written().get(0)).startsWith("retry: 3000\nid: ").contains("event: snapshot");

    view.apply(Fixtures.snapshot(Scopes.ALL, 1, 10));
    hub.tick();
    view.apply(Fixtures.snapshot(Scopes.ALL, 2, 20));
    hub.tick();
    assertThat(sink.written()).as("queued behind the snapshot still in flight").hasSize(1);

    sink.completeOne();
    assertThat(sink.written()).hasSize(2);
    sink.completeOne();
    sink.completeOne();
    List<String> frames = sink.written();
    assertThat(frames).hasSize(3);
    assertThat(frames.get(1)).contains("event: progress").contains("\"version\":1");
    assertThat(frames.get(2)).contains("event: progress").contains("\"version\":2");
    assertThat(id(frames.get(0))).isLessThan(id(frames.get(1)));
    assertThat(id(frames.get(1))).isLessThan(id(frames.get(2)));
    assertThat(frames).allMatch(f -> f.endsWith("\n\n"));
  }

  @Test
  void writesThatCompleteAtOnceContinueInALoopNotARecursion() {
    hub(DashboardConfig.builder());
    FakeSink sink = new FakeSink(true);
    hub.connect("10.0.0.1", sink);
    hub.admitJoining();
    for (int v = 1; v <= 300; v++) {
      view.apply(Fixtures.snapshot(Scopes.ALL, v, v));
      hub.tick();
    }
    assertThat(sink.written()).hasSize(301);
    assertThat(sink.written().get(300)).contains("\"version\":300");
    int min = sink.stackDepths.stream().mapToInt(Integer::intValue).min().orElseThrow();
    int max = sink.stackDepths.stream().mapToInt(Integer::intValue).max().orElseThrow();
    assertThat(max - min).as("stack growth over 300 writes").isLessThan(10);
  }

  @Test
  void clientsConnectingBetweenTwoTicksShareOneSnapshotAndLaterOnesGetTheNewState() {
    hub(DashboardConfig.builder());
    FakeSink a = new FakeSink(true);
    FakeSink b = new FakeSink(true);
    FakeSink c0 = new FakeSink(true);
    hub.connect("10.0.0.1", a);
    hub.admitJoining();
    hub.connect("10.0.0.2", b);
    hub.connect("10.0.0.3", c0);
    hub.admitJoining();
    assertThat(b.written().get(0)).isEqualTo(a.written().get(0));
    assertThat(c0.written().get(0)).isEqualTo(a.written().get(0));

    view.apply(Fixtures.snapshot(Scopes.ALL, 7, 70));
    hub.tick();
    long delta = id(a.written().get(1));
    FakeSink c = new FakeSink(true);
    hub.connect("10.0.0.4", c);
    hub.admitJoining();
    String snapshot = c.written().get(0);
    assertThat(id(snapshot)).as("a new snapshot after the tick").isGreaterThan(delta);
    assertThat(snapshot).contains("\"version\":7");
    assertThat(b.written().get(1)).isEqualTo(a.written().get(1));
  }

  @Test
  void aClientThatTakesNothingIsDroppedByItsByteBoundAndTheOthersGetEveryTick() {
    // 64 frames allowed, but each tick here is ~160 KB: the 4 MB bound comes first.
    hub(DashboardConfig.builder().sseQueueLimit(64));
    FakeSink healthy = new FakeSink(true);
    FakeSink stuck = new FakeSink(false);
    hub.connect("10.0.0.1", healthy);
    hub.admitJoining();
    hub.connect("10.0.0.2", stuck);
    hub.admitJoining();
    String padding = "直".repeat(700);
    int ticks = 0;
    while (!stuck.completed) {
      ticks++;
      assertThat(ticks).as("ticks before the stuck client is dropped").isLessThan(64);
      for (int s = 0; s < 75; s++) {
        view.apply(Fixtures.session("s" + s, LiveSession.LIVE, ticks, padding + ticks));
      }
      hub.tick();
      assertThat(healthy.written().get(ticks)).contains(padding + ticks);
    }
    assertThat(ticks).isGreaterThan(10);
    assertThat(stuck.aborted).as("torn down, failing its pending write").isTrue();
    assertThat(hub.clientCount()).isEqualTo(1);
    assertThat(released("queue_full")).isEqualTo(1.0);

    // Its write fails late: nothing more is released or counted.
    stuck.completeOne();
    assertThat(released("client_gone")).isZero();
    view.apply(Fixtures.snapshot(Scopes.ALL, 1, 1));
    hub.tick();
    assertThat(healthy.written().get(ticks + 1)).contains("event: progress");
  }

  @Test
  void aFailedWriteReleasesTheClient() {
    hub(DashboardConfig.builder());
    List<SseSink.Done> pending = new ArrayList<>();
    FakeSink gone =
        new FakeSink(false) {
          @Override
          public void write(ByteBuffer frames, Done done) {
            pending.add(done);
          }
        };
    hub.connect("10.0.0.1", gone);
    hub.admitJoining();
    pending.get(0).done(new java.io.IOException("connection reset"));
    assertThat(hub.clientCount()).isZero();
    assertThat(gone.completed).isTrue();
    assertThat(gone.aborted).isFalse();
    assertThat(released("client_gone")).isEqualTo(1.0);
  }

  @Test
  void aTickWaitsForUpToDateClientsStillWritingButNotForOneAloneNorForever() {
    hub(DashboardConfig.builder().coalesceInterval(Duration.ofMillis(250)));
    long interval = TimeUnit.MILLISECONDS.toNanos(250);
    FakeSink a = new FakeSink(false);
    FakeSink b = new FakeSink(false);
    FakeSink c = new FakeSink(false);
    hub.connect("10.0.0.1", a);
    hub.admitJoining();
    assertThat(hub.tickDue(interval - 1, 0)).isFalse();
    assertThat(hub.tickDue(interval, 0)).as("one client still writing is tolerated").isTrue();

    hub.connect("10.0.0.2", b);
    hub.admitJoining();
    hub.connect("10.0.0.3", c);
    hub.admitJoining();
    assertThat(hub.tickDue(interval, 0)).as("three writing their snapshot").isFalse();
    assertThat(hub.tickDue(interval, SseHub.STALL_NANOS)).as("not if none finishes").isTrue();
    long max = SseHub.MAX_PACING_WAIT_NANOS;
    assertThat(hub.tickDue(max, 0)).as("nor forever").isTrue();
    a.completeOne();
    assertThat(hub.tickDue(interval, 0)).isFalse();
    b.completeOne();
    assertThat(hub.tickDue(interval, 0)).isTrue();

    // A client two ticks behind is not waited for: it catches up or overflows its queue.
    view.apply(Fixtures.snapshot(Scopes.ALL, 1, 1));
    hub.tick();
    view.apply(Fixtures.snapshot(Scopes.ALL, 2, 2));
    hub.tick();
    a.completeOne();
    b.completeOne();
    assertThat(hub.tickDue(interval, 0)).as("a and b wrote the first tick").isFalse();
    a.completeOne();
    assertThat(hub.tickDue(interval, 0)).as("c is behind, b alone is tolerated").isTrue();
  }
}
