package org.live110.reliability.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Heap after a full collection, live threads and open file descriptors of this JVM: what must stay
 * flat while a server runs for weeks.
 *
 * @param heapUsedBytes used heap after {@code System.gc()}
 * @param threads live threads
 * @param openFds open file descriptors ({@code /proc/self/fd}), -1 where there is no /proc
 */
public record ProcessResources(long heapUsedBytes, int threads, long openFds) {

  /** Measures now (asks for a full GC first so the heap figure is the live set, not garbage). */
  public static ProcessResources measure() {
    // Two requests: the first may only finish concurrent work; the live set is what matters.
    System.gc();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return new ProcessResources(heap, threads, countOpenFds());
  }

  private static long countOpenFds() {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      return -1;
    }
    try (Stream<Path> s = Files.list(fds)) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * Live threads by name with digits removed (e.g. {@code dashboard-sse-writer-#}), largest first.
   */
  public static Map<String, Long> threadsByName() {
    Map<String, Long> counts = new java.util.TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      counts.merge(t.getName().replaceAll("\\d+", "#"), 1L, Long::sum);
    }
    Map<String, Long> sorted = new java.util.LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(12)
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** Live threads whose name starts with {@code prefix}. */
  public static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(prefix))
        .count();
  }

  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("heapUsedMiB", Math.round(heapUsedBytes / (1024.0 * 1024.0) * 10) / 10.0);
    m.put("threads", threads);
    m.put("openFds", openFds);
    return m;
  }
}
