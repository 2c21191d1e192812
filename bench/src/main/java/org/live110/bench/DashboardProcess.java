package org.live110.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.live110.model.Topics;

/**
 * Main of the fan-out dashboard's own JVM ({@link ChildDashboard}). Arguments: bootstrap servers,
 * max SSE clients per address, then the 8 topic names in {@link Topics} order; or {@code
 * --synthetic} and the max SSE clients per address for a {@link SyntheticDashboard}. Prints {@code
 * PORT n} once serving; reads commands on stdin: {@code heap} (full GC, then prints {@code HEAP
 * usedBytes directBufferBytes liveThreads}) and {@code quit}.
 */
public final class DashboardProcess {
  private DashboardProcess() {}

  private static RunningDashboard start(String[] args, int maxClients) throws Exception {
    if (args[0].equals("--synthetic")) {
      return SyntheticDashboard.start(maxClients);
    }
    Topics topics =
        new Topics(args[2], args[3], args[4], args[5], args[6], args[7], args[8], args[9]);
    return InProcessDashboard.starter().start(args[0], topics, maxClients);
  }

  public static void main(String[] args) throws Exception {
    int maxClients = Integer.parseInt(args[1]);
    try (RunningDashboard d = start(args, maxClients)) {
      System.out.println("PORT " + d.port());
      System.out.flush();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null && !line.equals("quit")) {
        if (line.equals("heap")) {
          // a full collection first, so the figure is live data, not garbage awaiting collection
          System.gc();
          long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
          long direct = 0;
          for (BufferPoolMXBean pool :
              ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
              direct = pool.getMemoryUsed();
            }
          }
          int threads = ManagementFactory.getThreadMXBean().getThreadCount();
          System.out.println("HEAP " + used + " " + direct + " " + threads);
          System.out.flush();
        }
      }
    }
    System.exit(0);
  }
}
