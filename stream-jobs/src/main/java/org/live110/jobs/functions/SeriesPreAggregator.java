package org.live110.jobs.functions;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.live110.jobs.records.SeriesFact;

/**
 * Sums the series facts of the shared scopes (all, the tiers) per scope and minute within one
 * subtask of the county counter, before they are keyed by scope.
 *
 * <p>Why: the counter sends a fact for the county's tier and one for all with each counted event,
 * all of them to three keys. Chained behind the counter, this merges the facts of all the subtask's
 * counties that fall into the same minute (live, every event of the current minute; in a replay
 * about five events share a minute of all), so the series shuffle carries about one fact per scope,
 * minute and flush.
 *
 * <p>Holds no state across checkpoints: everything held is sent before a checkpoint barrier ({@link
 * #prepareSnapshotPreBarrier}), before a watermark is passed on (so the series operator sees the
 * facts before the watermark, as without this operator, and judges lateness the same way), at the
 * end of input, every {@code flushInterval} of processing time (a bound on the added delay of the
 * tier and all series) and when {@value #MAX_HELD} facts are held.
 */
public class SeriesPreAggregator extends AbstractStreamOperator<SeriesFact>
    implements OneInputStreamOperator<SeriesFact, SeriesFact> {
  private static final long serialVersionUID = 1L;
  private static final long MINUTE = 60_000L;
  static final int MAX_HELD = 20_000;

  private final long flushIntervalMillis;
  private transient Map<String, Map<Long, SeriesFact>> held;
  private transient int heldCount;
  private transient Counter merged;

  public SeriesPreAggregator(Duration flushInterval) {
    this.flushIntervalMillis = Math.max(1, flushInterval.toMillis());
  }

  @Override
  public void open() throws Exception {
    super.open();
    held = new HashMap<>();
    merged = getMetricGroup().counter("seriesFactsMerged");
    scheduleFlush();
  }

  private void scheduleFlush() {
    long now = getProcessingTimeService().getCurrentProcessingTime();
    getProcessingTimeService()
        .registerTimer(
            now + flushIntervalMillis,
            t -> {
              flush();
              scheduleFlush();
            });
  }

  @Override
  public void processElement(StreamRecord<SeriesFact> element) throws Exception {
    SeriesFact f = element.getValue();
    // Keyed by the minute's number, not its epoch millis: consecutive numbers spread evenly over
    // the hash table, while multiples of 60,000 collide (long chains, even treeified bins, in a
    // replay that holds thousands of minutes).
    long minute = Math.floorDiv(f.eventTime, MINUTE);
    // Linked: a flush walks the entries held, not a table sized for the largest burst so far.
    Map<Long, SeriesFact> minutes = held.computeIfAbsent(f.scope, s -> new LinkedHashMap<>());
    SeriesFact sum = minutes.get(minute);
    if (sum == null) {
      // Its own copy: with object reuse on, the counter may hand the same object on again.
      minutes.put(minute, f.withScope(f.scope));
      if (++heldCount >= MAX_HELD) {
        flush();
      }
      return;
    }
    sum.count += f.count;
    sum.salesFen += f.salesFen;
    sum.orders += f.orders;
    sum.exposure += f.exposure;
    sum.reads += f.reads;
    sum.newViewers += f.newViewers;
    merged.inc();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    flush();
    super.processWatermark(mark);
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    flush();
    super.prepareSnapshotPreBarrier(checkpointId);
  }

  @Override
  public void finish() throws Exception {
    flush();
    super.finish();
  }

  private void flush() {
    if (heldCount == 0) {
      return;
    }
    for (Map<Long, SeriesFact> minutes : held.values()) {
      // Removed one by one as sent: clear() would wipe the whole table, which keeps the size of
      // the largest burst (20,000 entries) at every flush, several times a second.
      for (Iterator<SeriesFact> it = minutes.values().iterator(); it.hasNext(); ) {
        output.collect(new StreamRecord<>(it.next()));
        it.remove();
      }
    }
    heldCount = 0;
  }
}
