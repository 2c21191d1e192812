package org.live110.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.live110.model.Topics;

/**
 * A dashboard in a JVM of its own ({@link DashboardProcess}) with a fixed heap limit, so that its
 * heap can be measured in isolation from the bench, the broker and the job. Talks to the child over
 * its standard streams: the child prints {@code PORT n} once serving; on a {@code heap} line it
 * collects garbage and prints {@code HEAP bytes}.
 */
public final class ChildDashboard implements RunningDashboard {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  private final int port;

  private ChildDashboard(Process process) throws IOException {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.port = Integer.parseInt(expect("PORT "));
  }

  /** Starts the child and waits until it serves. */
  public static ChildDashboard start(
      String bootstrapServers, Topics topics, int maxClientsPerAddress, String maxHeap)
      throws IOException {
    List<String> args = new ArrayList<>();
    args.add(bootstrapServers);
    args.add(Integer.toString(maxClientsPerAddress));
    args.addAll(
        List.of(
            topics.exposure(),
            topics.livestream(),
            topics.orders(),
            topics.programme(),
            topics.deadLetter(),
            topics.progress(),
            topics.series(),
            topics.sessions()));
    return launch(args, maxHeap);
  }

  /** Starts a child {@link SyntheticDashboard} (no Kafka) and waits until it serves. */
  public static ChildDashboard startSynthetic(int maxClientsPerAddress, String maxHeap)
      throws IOException {
    return launch(List.of("--synthetic", Integer.toString(maxClientsPerAddress)), maxHeap);
  }

  private static ChildDashboard launch(List<String> args, String maxHeap) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    // extra JVM options for profiling the dashboard, e.g. -XX:StartFlightRecording=...
    String extra = System.getProperty("bench.dashboard.jvmOptions", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DashboardProcess.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    return new ChildDashboard(p);
  }

  /** Starter for {@link RunningDashboard.Starter} users. */
  public static RunningDashboard.Starter starter(String maxHeap) {
    return (bootstrap, topics, maxClients) -> start(bootstrap, topics, maxClients, maxHeap);
  }

  @Override
  public int port() {
    return port;
  }

  /**
   * The child's memory right after a full collection.
   *
   * @param heapBytes heap used
   * @param directBytes direct (off-heap) buffers in use
   * @param threads live threads
   */
  public record Memory(long heapBytes, long directBytes, int threads) {}

  /** CPU time the child has used so far, ns (-1 when the platform does not say). */
  public long cpuNanos() {
    return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
  }

  /** Collects garbage in the child and reports its memory. */
  public Memory memoryAfterGc() throws IOException {
    in.write("heap\n");
    in.flush();
    String[] f = expect("HEAP ").split(" ");
    return new Memory(Long.parseLong(f[0]), Long.parseLong(f[1]), Integer.parseInt(f[2]));
  }

  /** The child's used heap right after a full collection, in bytes. */
  public long heapAfterGc() throws IOException {
    return memoryAfterGc().heapBytes();
  }

  private String expect(String prefix) throws IOException {
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith(prefix)) {
        return line.substring(prefix.length()).trim();
      }
    }
    throw new IOException("dashboard process ended before printing " + prefix.trim());
  }

  @Override
  public void close() throws Exception {
    try {
      in.write("quit\n");
      in.flush();
    } catch (IOException ignored) {
      // the child is gone already
    }
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
