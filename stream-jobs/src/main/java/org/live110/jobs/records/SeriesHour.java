package org.live110.jobs.records;

import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Keyed state of one hour of one scope's per-minute series (see {@code ScopeSeries}): one entry and
 * one drop timer per scope and hour, instead of one per minute.
 *
 * <p>Sparse, because a county's hour often has only a few minutes with events: {@link #present}
 * says which minutes have a bucket, and {@link #values} holds {@value #FIELDS} figures per present
 * minute in minute order (a minute's slot is the number of present minutes before it).
 */
@TypeInfo(SeriesHourSerializer.Factory.class)
public class SeriesHour {
  public static final int FIELDS = 6;
  public static final int VERSION = 0;
  public static final int SALES_FEN = 1;
  public static final int ORDERS = 2;
  public static final int EXPOSURE = 3;
  public static final int READS = 4;
  public static final int NEW_VIEWERS = 5;

  /** Bit m set: minute m has a bucket. */
  public long present;

  /** Bit m set: minute m changed since it was last sent. */
  public long dirty;

  /** {@value #FIELDS} figures per present minute, in minute order. */
  public long[] values = new long[0];

  public SeriesHour() {}

  /** Adds a fact to minute {@code m} (0–59) and marks it changed. */
  public void add(int m, SeriesFact f) {
    long bit = 1L << m;
    int at = slot(m) * FIELDS;
    if ((present & bit) == 0) {
      long[] grown = new long[values.length + FIELDS];
      System.arraycopy(values, 0, grown, 0, at);
      System.arraycopy(values, at, grown, at + FIELDS, values.length - at);
      values = grown;
      present |= bit;
    }
    values[at + VERSION] += f.count;
    values[at + SALES_FEN] += f.salesFen;
    values[at + ORDERS] += f.orders;
    values[at + EXPOSURE] += f.exposure;
    values[at + READS] += f.reads;
    values[at + NEW_VIEWERS] += f.newViewers;
    dirty |= bit;
  }

  /** Figure {@code field} of present minute {@code m}. */
  public long get(int m, int field) {
    return values[slot(m) * FIELDS + field];
  }

  private int slot(int m) {
    return Long.bitCount(present & ((1L << m) - 1));
  }
}
