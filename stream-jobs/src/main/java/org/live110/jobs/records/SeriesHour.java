package org.live110.jobs.records;

import java.util.Arrays;
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

  /**
   * {@value #FIELDS} figures per present minute, in minute order; the array may be longer than
   * {@link #figures()} (room for minutes still to come).
   */
  public long[] values = new long[0];

  public SeriesHour() {}

  /** How many of {@link #values} are figures: {@value #FIELDS} per present minute. */
  public int figures() {
    return Long.bitCount(present) * FIELDS;
  }

  /** Adds a fact to minute {@code m} (0–59) and marks it changed. */
  public void add(int m, SeriesFact f) {
    long bit = 1L << m;
    int at = slot(m) * FIELDS;
    if ((present & bit) == 0) {
      int used = figures();
      if (used + FIELDS > values.length) {
        // Room for twice as many minutes: in a replay nearly every event opens a new minute of its
        // county, and growing by one minute at a time copied the hour at each (a sixth of the job's
        // allocated bytes).
        values = Arrays.copyOf(values, Math.min(60 * FIELDS, Math.max(2 * used, used + FIELDS)));
      }
      System.arraycopy(values, at, values, at + FIELDS, used - at);
      Arrays.fill(values, at, at + FIELDS, 0L);
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
