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
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx" + maxHeap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(DashboardProcess.class.getName());
    cmd.add(bootstrapServers);
    cmd.add(Integer.toString(maxClientsPerAddress));
    cmd.addAll(
        List.of(
            topics.exposure(),
            topics.livestream(),
            topics.orders(),
            topics.programme(),
            topics.deadLetter(),
            topics.progress(),
            topics.series(),
            topics.sessions()));
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

  /** The child's used heap right after a full collection, in bytes. */
  public long heapAfterGc() throws IOException {
    in.write("heap\n");
    in.flush();
    return Long.parseLong(expect("HEAP "));
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
