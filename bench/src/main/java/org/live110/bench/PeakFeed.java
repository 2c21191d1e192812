package org.live110.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.plan.CampaignCalendar;
import org.live110.simulator.Routing;

/**
 * The bench's peak input: a simulated year's records with every event time squeezed linearly into a
 * short window of campaign time, so that the input is as dense in campaign time as a live peak of
 * {@code eventsPerSecond}.
 *
 * <p>Why: the year's replay plays ~2.9 million times real time, so nearly every event opens a new
 * minute bucket of its county's series and the series cost about one bucket per event. At a live
 * peak a minute holds millions of events and the same series cost almost nothing per event. The
 * same records, the same mix, faults and truth, only denser in campaign time, measure what the job
 * sustains at such a peak: if it drains them at R events/s with the input at the density of a peak
 * of P events/s and R ≥ P, it keeps up with that peak live.
 *
 * <p>Only the {@code eventTime} string changes, spliced into the original bytes (records that are
 * not UTF-8 stay byte-identical elsewhere); arrival order and every gap between arrivals keep their
 * proportions. A record whose event time cannot be read, or lies outside the campaign year (the
 * {@code out_of_campaign} dead letters), is left untouched: it is rejected as before.
 */
public final class PeakFeed implements FeedSource {
  /** The evening of Double 11, the campaign's biggest sales day. */
  public static final Instant DEFAULT_START = Instant.parse("2019-11-11T12:00:00Z");

  /** The longest window: beyond a day the input is not a peak (and {@link Squeeze} stays exact). */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  private final FeedSource year;
  private final CampaignCalendar calendar;
  private final Instant start;
  private final long eventsPerSecond;

  public PeakFeed(FeedSource year, CampaignCalendar calendar, Instant start, long eventsPerSecond) {
    if (eventsPerSecond < 1) {
      throw new IllegalArgumentException("eventsPerSecond >= 1");
    }
    this.year = year;
    this.calendar = calendar;
    this.start = start;
    this.eventsPerSecond = eventsPerSecond;
  }

  /** The campaign time {@code events} clean events take at the peak's rate (at least 1 ms). */
  public Duration window(long events) {
    return Duration.ofMillis(Math.max(1, Math.round(events * 1000.0 / eventsPerSecond)));
  }

  @Override
  public Iterator<FeedRecord> year(long events, long seed, Topics topics) {
    Squeeze squeeze = new Squeeze(calendar, start, window(events));
    Iterator<FeedRecord> records = year.year(events, seed, topics);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return records.hasNext();
      }

      @Override
      public FeedRecord next() {
        FeedRecord r = records.next();
        return new FeedRecord(
            r.topic(), r.key(), squeeze.record(r.value()), squeeze.at(r.arrivalMillis()));
      }
    };
  }

  /**
   * The linear map from the campaign year onto {@code [start, start + window)}, to millisecond
   * precision (a peak of 200,000 events/s puts ~200 events into each millisecond).
   */
  static final class Squeeze {
    private final CampaignCalendar calendar;
    private final long yearStart;
    private final long yearMillis;
    private final long windowMillis;
    private final long start;

    Squeeze(CampaignCalendar calendar, Instant start, Duration window) {
      if (window.compareTo(MAX_WINDOW) > 0) {
        throw new IllegalArgumentException("a peak window is at most a day, not " + window);
      }
      if (!calendar.contains(start) || !calendar.contains(start.plus(window))) {
        throw new IllegalArgumentException(
            "the peak window " + start + " + " + window + " must lie inside the campaign year");
      }
      this.calendar = calendar;
      this.yearStart = calendar.start().toEpochMilli();
      this.yearMillis = calendar.lengthMillis();
      this.windowMillis = window.toMillis();
      this.start = start.toEpochMilli();
    }

    /**
     * Where a campaign instant (epoch ms) lands in the window. Exact integer arithmetic: a year's
     * milliseconds (< 2^35) times a day's (< 2^27) fit in a long.
     */
    long at(long millis) {
      return start + Math.floorDiv((millis - yearStart) * windowMillis, yearMillis);
    }

    /** The record with its event time moved into the window, or itself when it has none. */
    byte[] record(byte[] value) {
      Routing.EventTime t = Routing.eventTime(value);
      if (t == null || !calendar.contains(Instant.ofEpochMilli(t.epochMillis()))) {
        return value;
      }
      byte[] time =
          EventWriter.formatTime(Instant.ofEpochMilli(at(t.epochMillis())))
              .getBytes(StandardCharsets.US_ASCII);
      byte[] out = new byte[value.length - (t.end() - t.start()) + time.length];
      System.arraycopy(value, 0, out, 0, t.start());
      System.arraycopy(time, 0, out, t.start(), time.length);
      System.arraycopy(value, t.end(), out, t.start() + time.length, value.length - t.end());
      return out;
    }
  }
}
