package org.live110.reliability.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a {@link CrashInjector} throws, and what it saw: failure {@code k} happens in attempt {@code
 * k} of the job, after a checkpoint of that attempt completed and after a seeded number of further
 * records. Records the wall time of each failure and of the first record processed by the next
 * attempt (the job running again).
 *
 * <p>Test-only shared state: Flink recreates the injector on every restart, so what must survive a
 * restart lives here, registered under a name (the pattern of Flink's own fault-tolerance tests).
 */
public final class CrashSchedule {
  private static final Map<String, CrashSchedule> REGISTRY = new ConcurrentHashMap<>();

  private final long[] afterRecords;
  private final List<Long> failedAtNanos = new ArrayList<>();
  private final List<Long> resumedAtNanos = new ArrayList<>();
  private final List<String> failedWhere = new ArrayList<>();

  private CrashSchedule(long[] afterRecords) {
    this.afterRecords = afterRecords;
  }

  /** Registers a schedule of {@code failures} crashes, each after a seeded number of records. */
  public static CrashSchedule register(
      String name, int failures, long seed, long minRecords, long maxRecords) {
    Random random = new Random(seed);
    long[] after = new long[failures];
    for (int i = 0; i < failures; i++) {
      after[i] = minRecords + (long) (random.nextDouble() * (maxRecords - minRecords));
    }
    CrashSchedule s = new CrashSchedule(after);
    REGISTRY.put(name, s);
    return s;
  }

  static CrashSchedule named(String name) {
    CrashSchedule s = REGISTRY.get(name);
    if (s == null) {
      throw new IllegalStateException("no crash schedule " + name);
    }
    return s;
  }

  public static void unregister(String name) {
    REGISTRY.remove(name);
  }

  /** Whether a subtask of {@code attempt} that has seen {@code records} since a checkpoint dies. */
  synchronized boolean shouldFail(int attempt, long records, String where) {
    int k = failedAtNanos.size();
    if (k >= afterRecords.length || attempt < k || records < afterRecords[k]) {
      return false;
    }
    failedAtNanos.add(System.nanoTime());
    failedWhere.add(where + " after " + records + " records past a checkpoint");
    return true;
  }

  /** A record reached the injector in {@code attempt}: the first one after a failure is noted. */
  synchronized void recordSeen(int attempt) {
    int failures = failedAtNanos.size();
    if (failures > resumedAtNanos.size() && attempt >= failures) {
      resumedAtNanos.add(System.nanoTime());
    }
  }

  public synchronized int failures() {
    return failedAtNanos.size();
  }

  public int planned() {
    return afterRecords.length;
  }

  /** Seconds from each failure to the first record processed after the restart (so far). */
  public synchronized List<Double> recoverySeconds() {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < resumedAtNanos.size(); i++) {
      out.add((resumedAtNanos.get(i) - failedAtNanos.get(i)) / 1e9);
    }
    return out;
  }

  public synchronized List<String> where() {
    return List.copyOf(failedWhere);
  }
}
