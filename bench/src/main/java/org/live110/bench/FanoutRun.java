package org.live110.bench;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * Fan-out: many concurrent SSE clients on a dashboard (in a JVM of its own, fixed heap) that
 * follows the live job's progress topic while the {@link SteadyLoad} keeps updates flowing. The
 * delivery delay of a progress frame is its arrival time at a client minus the dashboard's {@code
 * updatedAt} stamp in the frame (same machine, same wall clock).
 *
 * <p>Input: the load, client count, durations, heap limit. Output: delays, connection counts,
 * dashboard heap after GC with every client connected.
 */
public final class FanoutRun {
  private static final String STAMP = "\"updatedAt\":\"";

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
      String note) {}

  public Result run(
      SteadyLoad load,
      String bootstrap,
      int clients,
      Duration warmup,
      Duration duration,
      String maxHeap)
      throws Exception {
    Delays delays = new Delays();
    try (ChildDashboard dashboard =
            ChildDashboard.start(bootstrap, load.topics(), clients, maxHeap);
        SseClients sse =
            new SseClients(
                "localhost",
                dashboard.port(),
                clients,
                false,
                (c, millis, nanos, event, data) -> delays.add(millis, event, data))) {
      sse.awaitConnected(Duration.ofSeconds(60));
      JobThroughputRun.waitMillis(warmup.toMillis());
      load.check();
      delays.measuring(true);
      JobThroughputRun.waitMillis(duration.toMillis());
      double[] v = delays.stop();
      long heap = dashboard.heapAfterGc();
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
          heap,
          maxHeap,
          note);
    }
  }

  /** Delays collected on the clients' selector thread while measuring. */
  private static final class Delays {
    private long[] values = new long[1 << 16];
    private int count;
    private boolean measuring;
    private long frames;
    private long unstamped;
    private String lastUnstamped;

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
      long stamp = stamp(dataTail);
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
