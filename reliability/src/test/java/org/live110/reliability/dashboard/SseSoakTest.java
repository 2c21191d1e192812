package org.live110.reliability.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.live110.dashboard.DashboardConfig;
import org.live110.model.Scopes;
import org.live110.model.registry.County;
import org.live110.reliability.support.Campaign;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.InProcessDashboard;
import org.live110.reliability.support.ProcessResources;
import org.live110.reliability.support.SseSwarm;

/**
 * SSE soak (RELIABILITY.md §7): the dashboard's app with a live-changing view serves {@value
 * #CLIENTS} stream clients per round, {@value #ROUNDS} rounds in a row. In each round half the
 * clients vanish without an orderly close (TCP reset), the other half leave politely; one client
 * connects and never reads for the whole run. Invariants: every client gets the snapshot; a marker
 * update reaches every reading client; after the abortive drop the {@code dashboard_sse_clients}
 * gauge is back at the live count within twice the keep-alive interval; heap, threads and file
 * descriptors at the same point of each round do not grow from the first round to the last.
 */
@Tag("reliability")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SseSoakTest {
  /** 5% of one round's clients. */
  private static final int PEAK_SLACK = 50;

  private static final int CLIENTS = 1_000;
  private static final int ROUNDS = 4;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(2);
  private static final Duration STREAMING_PER_ROUND = Duration.ofSeconds(5);
  private static final long MARKER_BASE = 7_700_000_000L;

  @Test
  void thousandClientsComeAndGoWithoutLeaksAndASilentClientDelaysNobody() throws Exception {
    Figures figures = new Figures("sse-soak");
    DashboardConfig config =
        DashboardConfig.builder()
            .port(0)
            .sseKeepAlive(KEEP_ALIVE)
            .sseMaxClients(CLIENTS + 100)
            .sseMaxClientsPerAddress(CLIENTS + 100)
            .build();
    ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();
    List<Map<String, Object>> rounds = new ArrayList<>();
    try (InProcessDashboard dashboard = new InProcessDashboard(config);
        SseSwarm swarm = new SseSwarm(new InetSocketAddress("localhost", dashboard.port()));
        Socket silent = new Socket()) {
      // A live campaign: every 100 ms a county and the all scope move on.
      AtomicLong version = new AtomicLong(1);
      List<County> counties = Campaign.REGISTRY.counties();
      Random random = new Random(7);
      Instant asOf = Instant.parse("2019-06-18T12:00:00Z");
      feeder.scheduleAtFixedRate(
          () -> {
            long v = version.incrementAndGet();
            County c = counties.get(random.nextInt(counties.size()));
            dashboard.view().apply(InProcessDashboard.snapshot(c.scope(), v, asOf.plusSeconds(v)));
            dashboard.view().apply(InProcessDashboard.snapshot(Scopes.ALL, v, asOf.plusSeconds(v)));
          },
          0,
          100,
          TimeUnit.MILLISECONDS);

      // One client that never reads: a tiny receive buffer so its backlog builds fast.
      silent.setReceiveBufferSize(4096);
      silent.connect(new InetSocketAddress("localhost", dashboard.port()));
      OutputStream out = silent.getOutputStream();
      out.write(
          "GET /api/stream HTTP/1.1\r\nHost: localhost\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await("the silent client admitted")
          .atMost(Duration.ofSeconds(10))
          .until(() -> dashboard.metric("dashboard_sse_clients") >= 1);

      ProcessResources baseline = ProcessResources.measure();
      figures.put("resourcesBefore", baseline.asMap());
      for (int round = 1; round <= ROUNDS; round++) {
        rounds.add(round(round, dashboard, swarm, version));
      }
      ProcessResources after = ProcessResources.measure();
      figures
          .put("rounds", rounds)
          .put("resourcesAfterLastRound", after.asMap())
          .put("clientsServed", ROUNDS * CLIENTS + 1)
          .put("keepAliveSeconds", KEEP_ALIVE.toSeconds())
          .put("clientsReleasedByReason", releasedReasons(dashboard))
          .put("silentClientStillConnected", !silent.isClosed() && silentStillAdmitted(dashboard));

      // Flat: from the second round on (the first one warms up the server's writer pool and JIT),
      // the same point of each round is not above the second. A leak would keep a thread and a
      // socket per client (about 1,000 a round); the slack of PEAK_SLACK only absorbs the JVM's
      // own threads coming and going (seen: +8 with a bound of +10 on a busy machine).
      Map<String, Object> second = rounds.get(1);
      Map<String, Object> last = rounds.get(rounds.size() - 1);
      assertThat((int) last.get("threadsAtPeak"))
          .as("threads with all clients connected, last round vs second")
          .isLessThanOrEqualTo((int) second.get("threadsAtPeak") + PEAK_SLACK);
      assertThat((long) last.get("fdsAtPeak"))
          .as("file descriptors with all clients connected, last round vs second")
          .isLessThanOrEqualTo((long) second.get("fdsAtPeak") + PEAK_SLACK);
      assertThat((long) last.get("fdsAtTrough"))
          .as("file descriptors after the clients left, last round vs second")
          .isLessThanOrEqualTo((long) second.get("fdsAtTrough") + 10);
      assertThat((double) last.get("heapMiBAtTrough"))
          .as("heap after the clients left, last round vs second")
          .isLessThanOrEqualTo((double) second.get("heapMiBAtTrough") * 1.25 + 16);
      // No SSE thread per client: once the clients are gone only the hub's coalescer remains
      // (writes are non-blocking and complete on Jetty's threads). (Jetty's request pool, at most
      // 250 threads, shrinks on its own 60 s idle timeout.)
      Instant idle = Instant.now();
      figures.put("threadsByNameAfterLastRound", ProcessResources.threadsByName());
      try {
        await("no SSE thread left per client")
            .atMost(Duration.ofSeconds(45))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> ProcessResources.threadsNamed("dashboard-sse-") <= 1);
        assertThat(ProcessResources.measure().threads())
            .as("threads once the clients are gone: baseline + at most Jetty's pool")
            .isLessThanOrEqualTo(baseline.threads() + 260);
      } finally {
        figures
            .put("secondsWaitedForIdleThreads", Duration.between(idle, Instant.now()).toSeconds())
            .put("resourcesAfterIdle", ProcessResources.measure().asMap())
            .put("threadsByNameAfterIdle", ProcessResources.threadsByName());
      }
    } finally {
      feeder.shutdownNow();
      figures.write();
    }
  }

  private Map<String, Object> round(
      int round, InProcessDashboard dashboard, SseSwarm swarm, AtomicLong version)
      throws Exception {
    Map<String, Object> r = new LinkedHashMap<>();
    double base = dashboard.metric("dashboard_sse_clients");
    Instant t0 = Instant.now();
    List<SseSwarm.Client> clients = swarm.connect(CLIENTS);
    await("all clients admitted")
        .atMost(Duration.ofSeconds(60))
        .until(() -> dashboard.metric("dashboard_sse_clients") >= base + CLIENTS);
    r.put("round", round);
    r.put("secondsToAdmitAll", Duration.between(t0, Instant.now()).toMillis() / 1e3);
    await("every client got its snapshot")
        .atMost(Duration.ofSeconds(60))
        .until(() -> clients.stream().allMatch(c -> c.statusOk() && c.bytes() > 1000));

    // A marker update: a version no other update uses; every reading client must see it.
    String marker = Long.toString(MARKER_BASE + round);
    swarm.watchFor("\"version\":" + marker);
    long sent = System.nanoTime();
    dashboard
        .view()
        .apply(
            InProcessDashboard.snapshot(
                Scopes.county("622921"),
                MARKER_BASE + round,
                Instant.parse("2019-12-31T00:00:00Z")));
    await("the marker reached every reading client")
        .atMost(Duration.ofSeconds(30))
        .until(() -> clients.stream().allMatch(c -> c.markerSeenNanos() != 0));
    long[] lat =
        clients.stream()
            .mapToLong(c -> (c.markerSeenNanos() - sent) / 1_000_000)
            .sorted()
            .toArray();
    r.put("markerLatencyMsP50", lat[lat.length / 2]);
    r.put("markerLatencyMsMax", lat[lat.length - 1]);

    // Streaming for a while with everyone connected: the feeder publishes 10 versions a second.
    long target = version.get() + STREAMING_PER_ROUND.toMillis() / 100;
    await("updates streaming to everyone")
        .atMost(STREAMING_PER_ROUND.multipliedBy(3))
        .until(() -> version.get() >= target);
    ProcessResources peak = ProcessResources.measure();
    r.put("threadsAtPeak", peak.threads());
    r.put("fdsAtPeak", peak.openFds());

    // Half vanish without closing: the gauge must come back within twice the keep-alive.
    List<SseSwarm.Client> vanish = clients.subList(0, CLIENTS / 2);
    List<SseSwarm.Client> stay = new ArrayList<>(clients.subList(CLIENTS / 2, CLIENTS));
    long dropped = System.nanoTime();
    swarm.dropAbortively(new ArrayList<>(vanish));
    double live = base + stay.size();
    await("gauge back to the live count")
        .atMost(KEEP_ALIVE.multipliedBy(2).plusSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> dashboard.metric("dashboard_sse_clients") <= live);
    double gaugeSeconds = (System.nanoTime() - dropped) / 1e9;
    r.put("secondsGaugeBackAfterAbortiveDrop", gaugeSeconds);
    r.put("gaugeAfterDrop", dashboard.metric("dashboard_sse_clients"));
    r.put("versionsPublished", version.get());
    assertThat(gaugeSeconds)
        .as("round %d: gauge back within twice the keep-alive", round)
        .isLessThanOrEqualTo(KEEP_ALIVE.multipliedBy(2).toMillis() / 1e3);

    swarm.closePolitely(stay);
    await("polite clients released")
        .atMost(Duration.ofSeconds(30))
        .until(() -> dashboard.metric("dashboard_sse_clients") <= base);
    ProcessResources trough = ProcessResources.measure();
    r.put("threadsAtTrough", trough.threads());
    r.put("fdsAtTrough", trough.openFds());
    r.put("heapMiBAtTrough", trough.asMap().get("heapUsedMiB"));
    return r;
  }

  /** The gauge counts only the silent client once every swarm client has gone. */
  private static boolean silentStillAdmitted(InProcessDashboard dashboard) throws Exception {
    return dashboard.metric("dashboard_sse_clients") == 1;
  }

  private static Map<String, Double> releasedReasons(InProcessDashboard dashboard) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (String reason : List.of("client_gone", "queue_full", "shutdown")) {
      try {
        m.put(
            reason, dashboard.metric("dashboard_sse_released_total", "reason=\"" + reason + "\""));
      } catch (Exception | AssertionError e) {
        m.put(reason, -1.0);
      }
    }
    return m;
  }
}
