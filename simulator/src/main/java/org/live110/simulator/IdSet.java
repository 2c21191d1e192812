package org.live110.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A compact set of string ids for counting distinct ids over millions of events: each id is kept as
 * a 128-bit fingerprint (two independent 64-bit hashes) in an open-addressing table, about 21 bytes
 * per id instead of ~100 for a {@code HashSet<String>}. Two different ids collide with probability
 * about n²/2¹²⁹ — for 10 million ids, under 10⁻²⁴ — so the counts are exact in practice.
 */
final class IdSet {
  private long[] a;
  private long[] b;
  private boolean[] used;
  private int size;

  IdSet() {
    this(1 << 10);
  }

  IdSet(int capacity) {
    int cap = Integer.highestOneBit(Math.max(16, capacity) - 1) << 1;
    a = new long[cap];
    b = new long[cap];
    used = new boolean[cap];
  }

  /** Adds an id; true when it was not in the set. */
  boolean add(String id) {
    byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
    long h1 = fnv(bytes);
    long h2 = murmurish(bytes);
    if ((size + 1) * 4L > a.length * 3L) {
      grow();
    }
    return insert(h1, h2);
  }

  int size() {
    return size;
  }

  private boolean insert(long h1, long h2) {
    int mask = a.length - 1;
    int i = (int) (mix(h1) & mask);
    while (used[i]) {
      if (a[i] == h1 && b[i] == h2) {
        return false;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    a[i] = h1;
    b[i] = h2;
    size++;
    return true;
  }

  private void grow() {
    long[] oldA = a;
    long[] oldB = b;
    boolean[] oldUsed = used;
    a = new long[oldA.length * 2];
    b = new long[oldA.length * 2];
    used = new boolean[oldA.length * 2];
    size = 0;
    for (int i = 0; i < oldA.length; i++) {
      if (oldUsed[i]) {
        insert(oldA[i], oldB[i]);
      }
    }
  }

  private static long fnv(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte x : bytes) {
      h ^= x & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }

  private static long murmurish(byte[] bytes) {
    long h = 0x9E3779B97F4A7C15L ^ bytes.length;
    for (byte x : bytes) {
      h = (h ^ (x & 0xff)) * 0xff51afd7ed558ccdL;
      h ^= h >>> 29;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  @Override
  public String toString() {
    return "IdSet[" + size + " of " + Arrays.toString(new int[] {a.length}) + "]";
  }
}
