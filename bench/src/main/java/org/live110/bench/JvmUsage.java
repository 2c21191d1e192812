package org.live110.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * CPU time, JIT compilation time, GC time and heap allocation this JVM has used so far. The
 * throughput phases run in this JVM (the mini-cluster, the embedded broker), so the difference of
 * two readings over a repeat is the repeat's cost: CPU per record is less sensitive to a shared
 * machine than wall time, and the JIT's share says whether the repeat ran compiled code or was
 * still compiling it (BENCHMARKS.md, "The JIT"). Bytes allocated per record move far less with the
 * machine's load than wall time (only the time-driven work — emissions every 200 ms, checkpoints
 * every 2 s — grows with a slower drain: +3–5 % in rounds a concurrent build made 1.6–2 times as
 * long), so they show an allocation cut that a throughput A/B loses in the spread.
 *
 * @param cpuNanos process CPU time, or -1 where the JVM does not report it
 * @param jitMillis accumulated compilation time of all compiler threads, or -1 where not reported
 * @param gcMillis accumulated time of the collections (for G1: its pauses), or -1 where not
 *     reported
 * @param allocatedBytes heap bytes allocated by all threads since the JVM started, the ended ones
 *     included (approximate, from thread-local allocation buffers), or -1 where not reported
 */
public record JvmUsage(long cpuNanos, long jitMillis, long gcMillis, long allocatedBytes) {

  /** The reading now. */
  public static JvmUsage now() {
    long cpu = -1;
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      cpu = os.getProcessCpuTime();
    }
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    long compiled =
        jit != null && jit.isCompilationTimeMonitoringSupported()
            ? jit.getTotalCompilationTime()
            : -1;
    long gc = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      long t = collector.getCollectionTime();
      gc = t < 0 || gc < 0 ? -1 : gc + t;
    }
    long allocated = -1;
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
        && threads.isThreadAllocatedMemorySupported()
        && threads.isThreadAllocatedMemoryEnabled()) {
      allocated = threads.getTotalThreadAllocatedBytes();
    }
    return new JvmUsage(cpu, compiled, gc, allocated);
  }

  /**
   * What was used between {@code earlier} and this reading.
   *
   * @return CPU, JIT and GC seconds and allocated bytes (each NaN where not reported)
   */
  public Spent since(JvmUsage earlier) {
    return new Spent(
        cpuNanos < 0 || earlier.cpuNanos < 0 ? Double.NaN : (cpuNanos - earlier.cpuNanos) / 1e9,
        millisBetween(earlier.jitMillis, jitMillis),
        millisBetween(earlier.gcMillis, gcMillis),
        allocatedBytes < 0 || earlier.allocatedBytes < 0
            ? Double.NaN
            : allocatedBytes - earlier.allocatedBytes);
  }

  private static double millisBetween(long from, long to) {
    return from < 0 || to < 0 ? Double.NaN : (to - from) / 1e3;
  }

  /**
   * Resources used over an interval.
   *
   * @param cpuSeconds process CPU time
   * @param jitSeconds compilation time (summed over the compiler threads; on a busy machine it
   *     includes time they waited for a core, so it is an upper bound of their CPU)
   * @param gcSeconds time in collections (wall time of the pauses, not CPU)
   * @param allocatedBytes heap bytes allocated by the whole JVM (the job, the broker, the bench)
   */
  public record Spent(
      double cpuSeconds, double jitSeconds, double gcSeconds, double allocatedBytes) {
    /** The JIT's part of the CPU, 0..1 (NaN when unknown). */
    public double jitShare() {
      return cpuSeconds > 0 ? Math.min(1, jitSeconds / cpuSeconds) : Double.NaN;
    }
  }
}
