package org.live110.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SessionState;
import org.live110.model.output.LiveSession;
import org.live110.model.output.OutputJson;

/**
 * Livestream session state (keyed by sessionId) for the livestream monitor.
 *
 * <p>Input: de-duplicated {@code live_started}, {@code live_stats}, {@code live_ended} events and
 * the newly counted paid orders that carry the sessionId. Output: absolute {@link LiveSession}s
 * keyed by sessionId, coalesced to at most one per {@code emitInterval} of processing time.
 *
 * <p>A live session silent (no live_* event) for {@code timeout} of event time is closed as {@code
 * timed_out} (endedAt = its last event) by an event-time timer; a later live event re-opens it.
 * viewersOnline is a gauge: the newest live_stats by event time wins, whatever the arrival order. A
 * session seen only through orders is not emitted until a live_* event arrives.
 */
public class SessionTracker extends KeyedProcessFunction<String, ParsedRecord, KeyedValue> {
  private static final long serialVersionUID = 1L;

  private final long timeoutMillis;
  private final long emitIntervalMillis;
  private transient ValueState<SessionState> state;
  private transient ValueState<Long> emitAt;

  public SessionTracker(Duration timeout, Duration emitInterval) {
    this.timeoutMillis = timeout.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("session", TypeInformation.of(SessionState.class)));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    SessionState s = state.value();
    if (s == null) {
      s = new SessionState();
      s.sessionId = ctx.getCurrentKey();
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    if (s.countyCode == null) {
      s.countyCode = r.countyCode;
    }
    switch (r.type) {
      case LIVE_STARTED:
        s.countyCode = r.countyCode;
        s.hostId = r.hostId;
        s.platform = r.platform;
        s.title = r.title;
        s.startedAt = s.startedAt == 0 ? r.eventTime : Math.min(s.startedAt, r.eventTime);
        activity(s, r.eventTime, ctx);
        break;
      case LIVE_STATS:
        if (r.eventTime >= s.viewersAt) {
          s.viewersAt = r.eventTime;
          s.viewersOnline = r.viewersOnline;
        }
        s.peakViewers = Math.max(s.peakViewers, r.viewersOnline);
        s.newViewers += r.newViewers;
        s.likes += r.likes;
        activity(s, r.eventTime, ctx);
        break;
      case LIVE_ENDED:
        s.lastEventAt = Math.max(s.lastEventAt, r.eventTime);
        s.status = LiveSession.ENDED;
        s.endedAt = r.eventTime;
        cancelTimeout(s, ctx);
        break;
      case ORDER_PAID:
        s.orders++;
        s.salesFen += r.amountFen;
        break;
      default:
        return;
    }
    s.version++;
    state.update(s);
    scheduleEmit(s, ctx.timerService().currentProcessingTime(), ctx);
  }

  private void activity(SessionState s, long eventTime, Context ctx) {
    s.lastEventAt = Math.max(s.lastEventAt, eventTime);
    if (LiveSession.ENDED.equals(s.status)) {
      return;
    }
    s.status = LiveSession.LIVE;
    s.endedAt = 0;
    long due = s.lastEventAt + timeoutMillis;
    if (s.timeoutTimer != due) {
      cancelTimeout(s, ctx);
      ctx.timerService().registerEventTimeTimer(due);
      s.timeoutTimer = due;
    }
  }

  private static void cancelTimeout(SessionState s, Context ctx) {
    if (s.timeoutTimer != 0) {
      ctx.timerService().deleteEventTimeTimer(s.timeoutTimer);
      s.timeoutTimer = 0;
    }
  }

  private void scheduleEmit(SessionState s, long now, Context ctx) throws Exception {
    if (s.status != null && emitAt.value() == null) {
      long at = now + emitIntervalMillis;
      ctx.timerService().registerProcessingTimeTimer(at);
      emitAt.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<KeyedValue> out)
      throws Exception {
    SessionState s = state.value();
    if (s == null) {
      return;
    }
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp != Long.MAX_VALUE) {
      if (timestamp == s.timeoutTimer && LiveSession.LIVE.equals(s.status)) {
        s.status = LiveSession.TIMED_OUT;
        s.endedAt = s.lastEventAt;
        s.timeoutTimer = 0;
        s.version++;
        state.update(s);
        scheduleEmit(s, ctx.timerService().currentProcessingTime(), ctx);
      }
      return;
    }
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      Long due = emitAt.value();
      if (due == null || due != timestamp) {
        return;
      }
    } else if (emitAt.value() == null) {
      return; // end of input and nothing unsent
    }
    emitAt.clear();
    if (s.status != null) {
      out.collect(toOutput(s));
    }
  }

  static KeyedValue toOutput(SessionState s) {
    LiveSession l =
        new LiveSession(
            s.sessionId,
            s.countyCode,
            s.hostId,
            s.platform,
            s.title,
            s.status,
            instant(s.startedAt),
            instant(s.endedAt),
            instant(s.lastEventAt),
            s.viewersOnline,
            s.peakViewers,
            s.newViewers,
            s.likes,
            s.orders,
            s.salesFen,
            s.version,
            Instant.now());
    return new KeyedValue(s.sessionId, OutputJson.write(l));
  }

  private static Instant instant(long millis) {
    return millis == 0 ? null : Instant.ofEpochMilli(millis);
  }
}
