package org.live110.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Fan-out: many concurrent SSE clients on a dashboard (in a JVM of its own, fixed heap) that
 * follows the live job's progress topic while the {@link SteadyLoad} keeps updates flowing. The
 * delivery delay of a progress frame is its arrival time at a client minus the dashboard's {@code
 * updatedAt} stamp in the frame (same machine, same wall clock): the dashboard's coalescing, its
 * writes, the network and the client's own read.
 *
 * <p>The client side must not be the bottleneck, so the run also reports what the clients cost
 * (their readers' CPU and the bytes they took in the window): a reader thread near 100 % of a core
 * would make the delays the bench's, not the dashboard's.
 *
 * <p>The clients model wall displays: each opens the stream as the wall page does, asking only for
 * the series it draws ({@link #WALL_STREAM}: {@code all} and the two tiers); the progress and
 * sessions frames are the same for every page. One more client, the reference, opens the stream
 * without a subscription (every scope's series, what every client got before subscriptions
 * existed), so each run says how much of the series volume the subscription spares under the same
 * load.
 *
 * <p>Input: the load, client count, durations, heap limit. Output: delays, connection counts,
 * dashboard heap after GC with every client connected.
 */
public final class FanoutRun {
  private static final String STAMP = "\"updatedAt\":\"";

  /** What a wall display opens (store.js: {@code /api/stream?series=<its series scopes>}). */
  public static final String WALL_STREAM =
      "/api/stream?series=all%2Ctier%3Acore%2Ctier%3Aradiating";

  /**
   * @param delayMillis delivery delay of every progress frame at every client, ms
   * @param clients clients opened
   * @param connected clients that received 200
   * @param refused clients answered otherwise (e.g. 429)
   * @param dropped clients the server closed during the run
   * @param frames progress frames received in the measuring window
   * @param heapBytes dashboard heap used after a full GC, all clients connected
   * @param maxHeap the dashboard's -Xmx
   * @param note what went wrong, or empty
   * @param directBytes the dashboard's direct (off-heap) buffers then
   * @param dashboardThreads the dashboard's live threads then
   * @param windowBytes bytes all clients read in the measuring window
   * @param readerCpuShare CPU of the clients' reader threads in the window, in cores (1.0 = one
   *     core busy all the time)
   * @param readerThreads the clients' reader threads
   * @param windowSeconds the measuring window
   * @param cpu who used the CPU in the window
   * @param windowDataBytes bytes of data lines the clients got in the window, by event name
   * @param failed clients that could not connect (or lost the connection before an answer)
   * @param held the dashboard's own count of SSE clients ({@code dashboard_sse_clients}) at the end
   *     of the window, -1 if it could not be read
   * @param stream the request target every client opened
   * @param referenceWindowDataBytes bytes of data lines the reference client (no subscription) got
   *     in the window, by event name
   */
  public record Result(
      Samples delayMillis,
      int clients,
      int connected,
      int refused,
      int dropped,
      long frames,
      long heapBytes,
      String maxHeap,
      String note,
      long directBytes,
      int dashboardThreads,
      long windowBytes,
      double readerCpuShare,
      int readerThreads,
      double windowSeconds,
      CpuShares cpu,
      java.util.Map<String, Long> windowDataBytes,
      int failed,
      int held,
      String stream,
      java.util.Map<String, Long> referenceWindowDataBytes) {}

  /**
   * CPU use in the measuring window, in cores (1.0 = one core busy all the time); -1 when the
   * platform does not say.
   *
   * @param dashboard the dashboard's JVM
   * @param bench this JVM: the job, the broker, the load and the SSE clients
   * @param machine every process of the machine (others' included)
   * @param cores the machine's cores
   */
  public record CpuShares(double dashboard, double bench, double machine, int cores) {}

  /** The fan-out phase: a dashboard following the live job's output while the load flows. */
  public Result run(
      SteadyLoad load,
      String bootstrap,
      int clients,
      Duration warmup,
      Duration duration,
      String maxHeap)
      throws Exception {
    try (ChildDashboard dashboard =
        ChildDashboard.start(bootstrap, load.topics(), clients + 1, maxHeap)) {
      return measure(dashboard, load::check, clients, warmup, duration, maxHeap);
    }
  }

  /**
   * The fan-out alone ({@link FanoutAlone}): a {@link SyntheticDashboard} in its own JVM, every
   * scope changing every 100 ms, no job, broker or Kafka follower taking CPU.
   */
  public Result runSynthetic(int clients, Duration warmup, Duration duration, String maxHeap)
      throws Exception {
    try (ChildDashboard dashboard = ChildDashboard.startSynthetic(clients + 1, maxHeap)) {
      return measure(dashboard, () -> {}, clients, warmup, duration, maxHeap);
    }
  }

  private Result measure(
      ChildDashboard dashboard,
      Runnable check,
      int clients,
      Duration warmup,
      Duration duration,
      String maxHeap)
      throws Exception {
    Delays delays = new Delays();
    try (SseClients sse =
            new SseClients(
                "localhost",
                dashboard.port(),
                WALL_STREAM,
                clients,
                false,
                (c, millis, nanos, event, data) -> delays.add(millis, event, data));
        SseClients reference = openReference(sse, dashboard.port())) {
      JobThroughputRun.waitMillis(warmup.toMillis());
      check.run();
      long bytes0 = sse.bytesRead();
      java.util.Map<String, Long> data0 = sse.dataBytesByEvent();
      java.util.Map<String, Long> ref0 = reference.dataBytesByEvent();
      long cpu0 = sse.readerCpuNanos();
      long dash0 = dashboard.cpuNanos();
      long bench0 = processCpuNanos();
      long[] machine0 = machineTicks();
      long t0 = System.nanoTime();
      delays.measuring(true);
      JobThroughputRun.waitMillis(duration.toMillis());
      double[] v = delays.stop();
      double window = (System.nanoTime() - t0) / 1e9;
      CpuShares shares =
          new CpuShares(
              share(dash0, dashboard.cpuNanos(), window),
              share(bench0, processCpuNanos(), window),
              machineShare(machine0, machineTicks()),
              Runtime.getRuntime().availableProcessors());
      long windowBytes = sse.bytesRead() - bytes0;
      int held = heldClients(dashboard.port());
      if (held > 0) {
        held--; // the reference client
      }
      java.util.Map<String, Long> windowData = new java.util.TreeMap<>();
      sse.dataBytesByEvent().forEach((k, b) -> windowData.put(k, b - data0.getOrDefault(k, 0L)));
      java.util.Map<String, Long> refData = new java.util.TreeMap<>();
      reference.dataBytesByEvent().forEach((k, b) -> refData.put(k, b - ref0.getOrDefault(k, 0L)));
      long cpu1 = sse.readerCpuNanos();
      double cpuShare = cpu0 < 0 || cpu1 < 0 ? -1 : (cpu1 - cpu0) / 1e9 / window;
      ChildDashboard.Memory memory = dashboard.memoryAfterGc();
      String note = "";
      if (v.length == 0) {
        // Nothing delivered in the window: every delay is at least the window itself.
        note = "no progress frame reached any client in the window (" + delays.describe() + ")";
        v = new double[] {duration.toMillis()};
      }
      return new Result(
          Samples.of(v),
          clients,
          sse.connected(),
          sse.refused(),
          sse.closedByServer(),
          note.isEmpty() ? v.length : 0,
          memory.heapBytes(),
          maxHeap,
          note,
          memory.directBytes(),
          memory.threads(),
          windowBytes,
          cpuShare,
          sse.readerThreads(),
          window,
          shares,
          windowData,
          sse.failed(),
          held,
          WALL_STREAM,
          refData);
    }
  }

  /**
   * Once the clients are connected, the reference: one client of every scope's series (no
   * subscription), not counted among the clients.
   */
  private static SseClients openReference(SseClients clients, int port) throws Exception {
    clients.awaitConnected(Duration.ofSeconds(60));
    SseClients reference =
        new SseClients("localhost", port, SseClients.STREAM, 1, 1, false, (c, m, n, e, d) -> {});
    reference.awaitConnected(Duration.ofSeconds(60));
    return reference;
  }

  /** The dashboard's {@code dashboard_sse_clients} gauge, or -1. */
  private static int heldClients(int port) {
    try {
      java.net.http.HttpResponse<String> r =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  java.net.http.HttpRequest.newBuilder(
                          java.net.URI.create("http://localhost:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(30))
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.ofString());
      for (String line : r.body().split("\n")) {
        if (line.startsWith("dashboard_sse_clients ")) {
          return (int) Double.parseDouble(line.substring("dashboard_sse_clients ".length()));
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // reported as unknown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return -1;
  }

  private static double share(long before, long after, double seconds) {
    return before < 0 || after < 0 ? -1 : (after - before) / 1e9 / seconds;
  }

  private static long processCpuNanos() {
    return JvmUsage.now().cpuNanos();
  }

  /** Busy and total jiffies of the machine from /proc/stat, or null off Linux. */
  private static long[] machineTicks() {
    try {
      String cpu = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long total = 0;
      for (int i = 1; i < f.length; i++) {
        total += Long.parseLong(f[i]);
      }
      long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
      return new long[] {total - idle, total};
    } catch (java.io.IOException | RuntimeException e) {
      return null;
    }
  }

  private static double machineShare(long[] before, long[] after) {
    if (before == null || after == null || after[1] == before[1]) {
      return -1;
    }
    return (double) (after[0] - before[0])
        / (after[1] - before[1])
        * Runtime.getRuntime().availableProcessors();
  }

  /** Delays collected on the clients' selector thread while measuring. */
  private static final class Delays {
    private long[] values = new long[1 << 16];
    private int count;
    private boolean measuring;
    private long frames;
    private long unstamped;
    private String lastUnstamped;
    // Every client gets the same frames: parse each distinct stamp once.
    private String lastStampText;
    private long lastStamp;

    synchronized String describe() {
      return frames
          + " frames in all, "
          + unstamped
          + " progress frames without a stamp"
          + (lastUnstamped == null ? "" : ", e.g. ..." + lastUnstamped);
    }

    synchronized void measuring(boolean on) {
      measuring = on;
    }

    synchronized void add(long arrivalMillis, String event, String dataTail) {
      frames++;
      if (!measuring || !"progress".equals(event)) {
        return;
      }
      long stamp = cachedStamp(dataTail);
      if (stamp < 0) {
        unstamped++;
        lastUnstamped = dataTail;
        return;
      }
      if (count == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[count++] = arrivalMillis - stamp;
    }

    private long cachedStamp(String tail) {
      int i = tail.lastIndexOf(STAMP);
      int to = i < 0 ? -1 : tail.indexOf('"', i + STAMP.length());
      if (to < 0) {
        return -1;
      }
      if (!tail.regionMatches(i, lastStampText == null ? "" : lastStampText, 0, to - i)
          || lastStampText.length() != to - i) {
        lastStampText = tail.substring(i, to);
        lastStamp = stamp(lastStampText + "\"");
      }
      return lastStamp;
    }

    synchronized double[] stop() {
      measuring = false;
      double[] v = new double[count];
      for (int i = 0; i < count; i++) {
        v[i] = values[i];
      }
      return v;
    }
  }

  /** The epoch millis of the last {@code updatedAt} in a frame's data tail, or -1. */
  static long stamp(String tail) {
    int i = tail.lastIndexOf(STAMP);
    if (i < 0) {
      return -1;
    }
    int from = i + STAMP.length();
    int to = tail.indexOf('"', from);
    if (to < 0) {
      return -1;
    }
    try {
      return OffsetDateTime.parse(tail.substring(from, to)).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      return -1;
    }
  }
}
