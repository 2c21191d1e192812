package org.live110.jobs.functions;

import java.time.Duration;
import java.time.Instant;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SessionState;
import org.live110.model.event.EventType;
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
 *
 * <p>State is bounded: a session's state (ended, timed out, or known only through orders) is
 * forgotten once the watermark passes its newest event time + {@code retention}, after its last
 * unsent change has been emitted; the compacted sessions topic keeps that last {@link LiveSession}.
 * An event that finds no state and whose event time + {@code retention} the watermark has already
 * passed belongs to a forgotten (or never seen) session: it is not tracked — a new state would
 * restart {@code version} at 1 and hold only that event — and is counted by the {@code
 * sessionEventsAfterRetention} metric. Its KPIs were already counted upstream ({@link
 * CountyCounter}). A late event for a new session within the retention is tracked as usual.
 */
public class SessionTracker extends KeyedProcessFunction<String, ParsedRecord, KeyedValue> {
  private static final long serialVersionUID = 1L;

  /**
   * Metric: session events dropped because their session's state is (or would be) past retention.
   */
  public static final String AFTER_RETENTION_METRIC = "sessionEventsAfterRetention";

  private final long timeoutMillis;
  private final long retentionMillis;
  private final long emitIntervalMillis;
  private transient ValueState<SessionState> state;
  private transient ValueState<Long> emitAt;
  private transient Counter afterRetention;

  /**
   * @param timeout event-time silence that closes a live session as timed out
   * @param retention event time a session's state is kept after its newest event (&ge; timeout)
   * @param emitInterval processing-time coalescing of the output
   */
  public SessionTracker(Duration timeout, Duration retention, Duration emitInterval) {
    if (retention.compareTo(timeout) < 0 || timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException(
          "need 0 < timeout <= retention, got timeout " + timeout + ", retention " + retention);
    }
    this.timeoutMillis = timeout.toMillis();
    this.retentionMillis = retention.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
  }

  @Override
  public void open(OpenContext ctx) {
    state =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>("session", TypeInformation.of(SessionState.class)));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    afterRetention = getRuntimeContext().getMetricGroup().counter(AFTER_RETENTION_METRIC);
  }

  private static boolean tracked(EventType type) {
    return type == EventType.LIVE_STARTED
        || type == EventType.LIVE_STATS
        || type == EventType.LIVE_ENDED
        || type == EventType.ORDER_PAID;
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<KeyedValue> out)
      throws Exception {
    if (!tracked(r.type)) {
      return;
    }
    SessionState s = state.value();
    long keepUntil = plus(r.eventTime, retentionMillis);
    if (s == null) {
      // No state and already past retention: the session was forgotten (or its events all come
      // this late). A fresh state would start again at version 1, which readers ignore, and hold
      // only this event: count it instead. A newer (merely late) event starts a session as usual;
      // so does one of a forgotten session that arrives within the retention of its own time (the
      // session went silent for a whole retention first): without a tombstone per session it
      // cannot be told from a new one.
      if (keepUntil <= ctx.timerService().currentWatermark()) {
        afterRetention.inc();
        return;
      }
      s = new SessionState();
      s.sessionId = ctx.getCurrentKey();
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
      default: // ORDER_PAID
        s.orders++;
        s.salesFen += r.amountFen;
        break;
    }
    keep(s, keepUntil, ctx);
    s.version++;
    state.update(s);
    scheduleEmit(s, ctx.timerService().currentProcessingTime(), ctx);
  }

  /**
   * Moves the clean-up time forward. The timer is not moved with it: a live session gets a
   * live_stats every few seconds, and deleting and registering a timer for each (as the timeout
   * does) would double the timer work of the busiest input. One timer per session is registered;
   * when it fires before {@code cleanupAt} it is re-armed there, which happens about once per
   * retention of activity.
   */
  private static void keep(SessionState s, long keepUntil, Context ctx) {
    s.cleanupAt = Math.max(s.cleanupAt, keepUntil);
    if (s.cleanupTimer == 0) { // new state, or restored from before the clean-up existed
      ctx.timerService().registerEventTimeTimer(s.cleanupAt);
      s.cleanupTimer = s.cleanupAt;
    }
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
      // Timers are unique per timestamp: with retention == timeout the timeout and the clean-up
      // can be one timer, and deleting it would leave the state without a clean-up.
      if (s.timeoutTimer != s.cleanupTimer) {
        ctx.timerService().deleteEventTimeTimer(s.timeoutTimer);
      }
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
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      Long due = emitAt.value();
      if (due != null && due == timestamp) {
        emitAt.clear();
        out.collect(toOutput(s));
      }
      return;
    }
    if (timestamp == s.timeoutTimer && LiveSession.LIVE.equals(s.status)) {
      s.status = LiveSession.TIMED_OUT;
      s.endedAt = s.lastEventAt;
      s.timeoutTimer = 0;
      s.version++;
      state.update(s);
      scheduleEmit(s, ctx.timerService().currentProcessingTime(), ctx);
    }
    if (timestamp == s.cleanupTimer && s.cleanupAt > timestamp) {
      ctx.timerService().registerEventTimeTimer(s.cleanupAt);
      s.cleanupTimer = s.cleanupAt;
      state.update(s);
    } else if (timestamp == s.cleanupTimer || timestamp == Long.MAX_VALUE) {
      // Long.MAX_VALUE: the end-of-input timer of state restored from before the clean-up.
      forget(s, ctx, out);
    }
  }

  /**
   * Sends the last unsent change, then drops the session's state and timers. Also the end-of-input
   * flush: the final watermark fires every clean-up timer, and processing-time timers do not fire
   * then.
   */
  private void forget(SessionState s, OnTimerContext ctx, Collector<KeyedValue> out)
      throws Exception {
    Long pending = emitAt.value();
    if (pending != null) {
      ctx.timerService().deleteProcessingTimeTimer(pending);
      out.collect(toOutput(s));
    }
    if (s.timeoutTimer != 0 && s.timeoutTimer != s.cleanupTimer) {
      ctx.timerService().deleteEventTimeTimer(s.timeoutTimer);
    }
    emitAt.clear();
    state.clear();
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

  /** {@code a + b}, saturating at {@link Long#MAX_VALUE} (event times near the end of time). */
  private static long plus(long a, long b) {
    long sum = a + b;
    return sum < a ? Long.MAX_VALUE : sum;
  }
}
