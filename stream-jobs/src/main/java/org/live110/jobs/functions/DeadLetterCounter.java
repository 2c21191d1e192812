package org.live110.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.OutputJson;

/**
 * Counts dead letters per reason in keyed state (one constant key {@link #KEY}, parallelism 1), so
 * the counts are exact across failures and restores. Output: a {@link DeadLetterSummary} under the
 * progress-topic key {@code deadletters}, at most once per {@code emitInterval}, flushed at end of
 * input.
 */
public class DeadLetterCounter extends KeyedProcessFunction<String, DeadLetter, KeyedValue> {
  private static final long serialVersionUID = 1L;

  public static final String KEY = DeadLetterSummary.KEY;

  private final long emitIntervalMillis;
  private transient MapState<String, Long> byReason;
  private transient ValueState<Long> emitAt;

  public DeadLetterCounter(Duration emitInterval) {
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    byReason =
        getRuntimeContext()
            .getMapState(new MapStateDescriptor<>("by-reason", Types.STRING, Types.LONG));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
  }

  @Override
  public void processElement(DeadLetter d, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    Long n = byReason.get(d.reason);
    byReason.put(d.reason, n == null ? 1 : n + 1);
    if (emitAt.value() == null) {
      long at = ctx.timerService().currentProcessingTime() + emitIntervalMillis;
      ctx.timerService().registerProcessingTimeTimer(at);
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
      emitAt.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedValue> out)
      throws Exception {
    Long due = emitAt.value();
    if (due == null || (ctx.timeDomain() == TimeDomain.PROCESSING_TIME && due != timestamp)) {
      return;
    }
    emitAt.clear();
    Map<String, Long> counts = new TreeMap<>();
    long total = 0;
    for (Map.Entry<String, Long> e : byReason.entries()) {
      counts.put(e.getKey(), e.getValue());
      total += e.getValue();
    }
    DeadLetterSummary s = new DeadLetterSummary(total, total, counts, Instant.now());
    out.collect(new KeyedValue(DeadLetterSummary.KEY, OutputJson.write(s)));
  }
}
