package org.live110.jobs.state;

import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hasher128;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * One county's recent eventIds, each held as a 128-bit fingerprint with the day it is forgotten, in
 * three parallel arrays (open addressing, linear probing): 20 bytes a slot, no object per id.
 *
 * <p>Why: a {@code MapState<String, Long>} entry cost ~120 bytes of heap and an object per id, and
 * every checkpoint wrote the ids one by one. At a peak every id of the peak lies inside the
 * retention; in the bench's peak run those sets were most of the state (52 of 55 MB), the
 * collector's copying (~20 % of the CPU) and a checkpoint thread busy writing them (8 %).
 *
 * <p>Fingerprint: XXH3-128 of the id's UTF-8 bytes (a specified algorithm, so the same on every JVM
 * and build that restores the state). Two different ids of one county collide with probability
 * about n²/2¹²⁹: for 10 million ids within one retention, below 10⁻²⁴.
 *
 * <p>Not thread-safe; mutated in place in keyed state of the heap backend, which copies it ({@link
 * #copy}) before a change while a running checkpoint still holds it.
 */
public final class RecentIdTable {
  private static final Hasher128 XXH3 = Hashing.xxh3_128();
  private static final int MIN_CAPACITY = 16;

  /** The two halves of an id's fingerprint (see the class comment). */
  public record Fingerprint(long high, long low) {
    public static Fingerprint of(String id) {
      HashValue128 h = XXH3.hashBytesTo128Bits(id.getBytes(StandardCharsets.UTF_8));
      return new Fingerprint(h.getMostSignificantBits(), h.getLeastSignificantBits());
    }
  }

  private long[] high;
  private long[] low;
  // 0 marks a free slot: forget days are days since 1970 (> 18,000 for the campaign's years).
  private int[] forgetDay;
  private int size;

  public RecentIdTable() {
    this(0);
  }

  /** A table that holds {@code expected} ids without growing. */
  public RecentIdTable(int expected) {
    allocate(capacityFor(expected));
  }

  private void allocate(int capacity) {
    high = new long[capacity];
    low = new long[capacity];
    forgetDay = new int[capacity];
    size = 0;
  }

  private static int capacityFor(int ids) {
    // At most 3/4 full.
    long wanted = Math.max(MIN_CAPACITY, (long) ids * 4 / 3 + 1);
    if (wanted > 1 << 30) {
      throw new IllegalStateException("too many recent ids for one county: " + ids);
    }
    return Integer.highestOneBit((int) wanted - 1) << 1;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean contains(Fingerprint f) {
    int mask = high.length - 1;
    for (int i = slotOf(f.high(), mask); forgetDay[i] != 0; i = (i + 1) & mask) {
      if (high[i] == f.high() && low[i] == f.low()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Holds {@code f} until {@code day} (days since 1970, > 0); a fingerprint already held keeps its
   * day and the call returns false.
   */
  public boolean add(Fingerprint f, int day) {
    if (day <= 0) {
      throw new IllegalArgumentException("forget day must be > 0: " + day);
    }
    if ((size + 1) * 4L > high.length * 3L) {
      rehash(capacityFor(size + 1));
    }
    return insert(f.high(), f.low(), day);
  }

  private boolean insert(long h, long l, int day) {
    int mask = high.length - 1;
    int i = slotOf(h, mask);
    for (; forgetDay[i] != 0; i = (i + 1) & mask) {
      if (high[i] == h && low[i] == l) {
        return false;
      }
    }
    high[i] = h;
    low[i] = l;
    forgetDay[i] = day;
    size++;
    return true;
  }

  /**
   * Forgets every id whose forget day is {@code day} or earlier; returns how many. In place: a
   * sweep runs once a day per county and allocates nothing unless the table ends up nearly empty.
   */
  public int forgetUpTo(int day) {
    int due = 0;
    for (int i = 0; i < forgetDay.length; ) {
      if (forgetDay[i] != 0 && forgetDay[i] <= day) {
        removeAt(i);
        due++;
        // another id may have moved into slot i: look at it again
      } else {
        i++;
      }
    }
    if (size * 16L < forgetDay.length && forgetDay.length > MIN_CAPACITY) {
      rehash(capacityFor(size));
    }
    return due;
  }

  /**
   * Empties slot {@code hole} and moves later ids of its probe run back into it where their own
   * slot allows (deletion in linear probing without markers). Ids only move backwards, so a scan
   * from slot 0 that looks at a slot again after a removal meets every id once.
   */
  private void removeAt(int hole) {
    int mask = forgetDay.length - 1;
    int j = hole;
    while (true) {
      j = (j + 1) & mask;
      if (forgetDay[j] == 0) {
        break;
      }
      int home = slotOf(high[j], mask);
      // The id at j may fill the hole unless its home lies cyclically in (hole, j].
      boolean stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        high[hole] = high[j];
        low[hole] = low[j];
        forgetDay[hole] = forgetDay[j];
        hole = j;
      }
    }
    forgetDay[hole] = 0;
    size--;
  }

  private void rehash(int capacity) {
    long[] h = high;
    long[] l = low;
    int[] f = forgetDay;
    allocate(capacity);
    for (int i = 0; i < f.length; i++) {
      if (f[i] != 0) {
        insert(h[i], l[i], f[i]);
      }
    }
  }

  private static int slotOf(long high, int mask) {
    // The fingerprint is already a good hash: its high bits spread the slots.
    return (int) (high ^ (high >>> 32)) & mask;
  }

  /** An independent copy (the heap backend's copy-on-write). */
  public RecentIdTable copy() {
    RecentIdTable t = new RecentIdTable();
    t.high = high.clone();
    t.low = low.clone();
    t.forgetDay = forgetDay.clone();
    t.size = size;
    return t;
  }

  /** Calls {@code visitor} with every id held (for the serializer), in slot order. */
  public void forEach(Visitor visitor) {
    for (int i = 0; i < forgetDay.length; i++) {
      if (forgetDay[i] != 0) {
        visitor.visit(high[i], low[i], forgetDay[i]);
      }
    }
  }

  /** Receives the ids of a table. */
  @FunctionalInterface
  public interface Visitor {
    void visit(long high, long low, int forgetDay);
  }

  @Override
  public String toString() {
    return "RecentIdTable[" + size + " ids in " + high.length + " slots]";
  }
}
