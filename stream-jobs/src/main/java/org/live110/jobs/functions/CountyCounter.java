package org.live110.jobs.functions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.BooleanSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.state.BulkStringSerializer;
import org.live110.jobs.state.RecentIdTableSerializer;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.SalesChannel;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * Exact KPI counting per county (keyed by countyCode), as EVENTS.md "How the KPIs are counted".
 *
 * <p>Input: valid events. Exact duplicates are recognised here, in the county's own state (an
 * eventId always comes with the same countyCode, so this needs no shuffle of its own; see {@link
 * RecentEventIds} for the policy) and only counted as duplicates. Main output: the county's
 * absolute {@link CountyTotals}, coalesced to at most one per {@code emitInterval} of processing
 * time, and flushed at the end of input. Side outputs: {@link #COUNTY_SERIES} (the county's own
 * per-minute series: its changed buckets, sent with the totals, see {@link ScopeSeries}), {@link
 * #SERIES} (each counted event's contribution to the series of the county's tier and of all, at
 * once: {@link SeriesPreAggregator} sums them per minute before the shuffle to {@link
 * MinuteSeries}) and {@link #SESSION_EVENTS} (the non-duplicate live_* events and the newly counted
 * paid orders that carry a sessionId).
 *
 * <p>Why the county's series lives here: in a replay nearly every event opens a minute of its
 * county, and sending each as a fact to a series operator keyed by scope cost a serialization, a
 * shuffle and that operator's state and timers per event (BENCHMARKS.md). Lateness for every series
 * is judged here, once, when the event arrives: an event whose minute ended more than the series
 * window before this operator's watermark feeds no series (it still counts in the totals) and
 * increments {@code lateEvents} once per scope it would have fed.
 *
 * <p>State per county: the totals; one distinct-id set (kind-prefixed ids of trainee posts, orders,
 * shops, products, households, livestreams — these sets ARE the totals and are kept for the
 * campaign); the eventIds of the additive events within the dedup retention; "today" buckets per
 * campaign day not yet past (normally one or two); the county's series, by hour, for the series
 * window (an event-time timer per group of hours drops them, see {@link ScopeSeries}).
 */
public class CountyCounter extends KeyedProcessFunction<String, ParsedRecord, CountyTotals> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<SeriesFact> SERIES =
      new OutputTag<>("series-facts", TypeInformation.of(SeriesFact.class));
  public static final OutputTag<KeyedValue> COUNTY_SERIES =
      new OutputTag<>("county-series", TypeInformation.of(KeyedValue.class));
  public static final OutputTag<ParsedRecord> SESSION_EVENTS =
      new OutputTag<>("session-events", TypeInformation.of(ParsedRecord.class));

  private static final int KPIS = Kpi.values().length;

  private final CampaignClock clock;
  private final long emitIntervalMillis;
  private final long seriesWindowMillis;
  private final long dedupRetentionMillis;
  private final Map<String, String> tierScopeByCounty;

  private transient ValueState<CountyTotals> totals;
  private transient MapState<String, Boolean> distinctIds;
  private transient MapState<Long, long[]> days;
  private transient ValueState<Long> emitAt;
  private transient ValueState<Long> lastEmit;
  private transient ScopeSeries series;
  private transient RecentEventIds recentIds;
  private transient LastTimer midnightTimer;
  private transient CampaignDays clockDays;
  private transient CampaignDays eventDays;
  private transient CampaignDays timerDays;
  private transient Counter duplicatesMetric;
  private transient Counter dedupExpiredMetric;
  private transient Counter lateMetric;

  /** Per county, the clock day its past "today" buckets were last removed for (not state). */
  private transient LastPerKey daysCleanedFor;

  /** The KPI increments of the event being counted (reused: one array per instance). */
  private transient long[] delta;

  public CountyCounter(
      CountyRegistry registry,
      CampaignClock clock,
      Duration emitInterval,
      Duration seriesWindow,
      Duration dedupRetention) {
    this.clock = clock;
    this.seriesWindowMillis = seriesWindow.toMillis();
    this.dedupRetentionMillis = dedupRetention.toMillis();
    this.emitIntervalMillis = Math.max(1, emitInterval.toMillis());
    HashMap<String, String> tiers = new HashMap<>();
    for (County c : registry.counties()) {
      tiers.put(c.code(), c.tier().scope());
    }
    this.tierScopeByCounty = tiers;
  }

  @Override
  public void open(OpenContext ctx) {
    totals =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("totals", TypeInformation.of(CountyTotals.class)));
    distinctIds =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "distinct-ids", BulkStringSerializer.INSTANCE, BooleanSerializer.INSTANCE));
    days =
        getRuntimeContext()
            .getMapState(
                new MapStateDescriptor<>(
                    "today-by-day",
                    Types.LONG,
                    PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
    emitAt = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-at", Types.LONG));
    lastEmit = getRuntimeContext().getState(new ValueStateDescriptor<>("last-emit", Types.LONG));
    series =
        ScopeSeries.inState(
            getRuntimeContext(),
            "county-series-hours",
            "county-series-dirty-hours",
            seriesWindowMillis);
    recentIds =
        new RecentEventIds(
            getRuntimeContext()
                .getState(
                    new ValueStateDescriptor<>(
                        "recent-event-id-table", RecentIdTableSerializer.INSTANCE)),
            // Builds before the table kept the ids here; read once after a restore, then cleared.
            getRuntimeContext()
                .getMapState(
                    new MapStateDescriptor<>(
                        "recent-event-ids",
                        BulkStringSerializer.INSTANCE,
                        LongSerializer.INSTANCE)),
            dedupRetentionMillis);
    midnightTimer = new LastTimer();
    clockDays = new CampaignDays();
    eventDays = new CampaignDays();
    timerDays = new CampaignDays();
    duplicatesMetric = getRuntimeContext().getMetricGroup().counter("duplicates");
    dedupExpiredMetric = getRuntimeContext().getMetricGroup().counter("dedupExpired");
    lateMetric = getRuntimeContext().getMetricGroup().counter("lateEvents");
    delta = new long[KPIS];
    daysCleanedFor = new LastPerKey();
  }

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<CountyTotals> out)
      throws Exception {
    CountyTotals t = totals.value();
    if (t == null) {
      t = CountyTotals.empty(ctx.getCurrentKey());
      // Flushes the final state when a bounded input ends (processing-time timers do not fire
      // then).
      ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }
    long watermark = ctx.timerService().currentWatermark();
    long clockDay = clockDay(watermark);
    midnightTimer.register(ctx.getCurrentKey(), clockDays.endOfDay(), ctx.timerService());

    RecentEventIds.Verdict verdict = recentIds.check(r, ctx.timerService());
    if (verdict == RecentEventIds.Verdict.DUPLICATE) {
      t.duplicates++;
      t.version++;
      duplicatesMetric.inc();
    } else {
      if (verdict == RecentEventIds.Verdict.TOO_OLD) {
        dedupExpiredMetric.inc();
      }
      long[] d = delta;
      Arrays.fill(d, 0);
      SeriesFact fact = count(r, t, d, ctx);
      if (fact != null) {
        addToSeries(r, fact, watermark, ctx);
      }
      long eventDay = eventDays.dayOf(r.eventTime);
      if (eventDay >= clockDay && !allZero(d)) {
        long[] bucket = days.get(eventDay);
        if (bucket == null) {
          bucket = new long[KPIS];
        }
        for (int i = 0; i < KPIS; i++) {
          bucket[i] += d[i];
        }
        days.put(eventDay, bucket);
      }
    }
    totals.update(t);
    emitOrSchedule(watermark, ctx, out);
  }

  /**
   * Applies one non-duplicate event to the totals; fills {@code d} with the KPI increments and
   * returns the series contribution (or null when none).
   */
  private SeriesFact count(ParsedRecord r, CountyTotals t, long[] d, Context ctx) throws Exception {
    SeriesFact f = null;
    boolean counted = true;
    switch (r.type) {
      case CONTENT_PUBLISHED:
        if (r.authorKind == AuthorKind.TRAINEE) {
          counted = countDistinct("p:", r.contentId, Kpi.POSTS, t, d);
        } else {
          counted = false; // brand and media posts are no KPI
        }
        break;
      case CONTENT_EXPOSURE:
        long reads = r.authorKind == AuthorKind.TRAINEE ? r.reads : 0;
        add(Kpi.EXPOSURE, r.impressions, t, d);
        add(Kpi.READS, reads, t, d);
        f = new SeriesFact();
        f.exposure = r.impressions;
        f.reads = reads;
        break;
      case LIVE_STARTED:
        counted = countDistinct("l:", r.sessionId, Kpi.LIVESTREAMS, t, d);
        // A repeated live_started (new eventId, same session) still updates the session.
        ctx.output(SESSION_EVENTS, r);
        break;
      case LIVE_STATS:
        counted = false; // session figures, not a KPI
        f = new SeriesFact();
        f.newViewers = r.newViewers;
        ctx.output(SESSION_EVENTS, r);
        break;
      case LIVE_ENDED:
        counted = false;
        ctx.output(SESSION_EVENTS, r);
        break;
      case SHOP_OPENED:
        counted = countDistinct("s:", r.shopId, Kpi.SHOPS, t, d);
        break;
      case PRODUCT_LISTED:
        counted = countDistinct("r:", r.productId, Kpi.PRODUCTS, t, d);
        break;
      case ORDER_PAID:
        counted = countDistinct("o:", r.orderId, Kpi.ORDERS, t, d);
        if (counted) {
          t.grossSalesFen += r.amountFen;
          add(Kpi.SALES_FEN, r.amountFen, t, d);
          if (r.channel == SalesChannel.LIVESTREAM) {
            t.livestreamSalesFen += r.amountFen;
          }
          f = new SeriesFact();
          f.salesFen = r.amountFen;
          f.orders = 1;
          if (r.sessionId != null) {
            ctx.output(SESSION_EVENTS, r);
          }
        }
        break;
      case ORDER_REFUNDED:
        // Counts even when the order was never seen (contract): the refund is a fact of its own.
        t.refundedFen += r.amountFen;
        add(Kpi.SALES_FEN, -r.amountFen, t, d);
        f = new SeriesFact();
        f.salesFen = -r.amountFen;
        break;
      case TRAINING_ATTENDED:
        add(Kpi.TRAINEES, 1, t, d);
        break;
      case HOUSEHOLD_BENEFITED:
        counted = countDistinct("h:", r.householdId, Kpi.HOUSEHOLDS, t, d);
        break;
      default:
        counted = false;
    }
    if (counted) {
      t.version++;
    }
    return f;
  }

  /** The campaign day the clock shows at {@code watermark} (its bounds cached in clockDays). */
  private long clockDay(long watermark) {
    return clockDays.dayOf(clock.dayInstantAt(watermark));
  }

  /** Adds a counted event's contribution to the county's series and passes it on for the rest. */
  private void addToSeries(ParsedRecord r, SeriesFact f, long watermark, Context ctx)
      throws Exception {
    String tier = tierScopeByCounty.get(ctx.getCurrentKey());
    if (series.isLate(r.eventTime, watermark)) {
      lateMetric.inc(tier == null ? 2 : 3);
      return;
    }
    f.eventTime = r.eventTime;
    if (series.add(f)) {
      // One timer per county and group of hours; also the end-of-input flush of the group.
      ctx.timerService()
          .registerEventTimeTimer(series.dropTimerOf(ScopeSeries.hourOf(f.eventTime)));
    }
    // The same object twice: the pre-aggregator (chained) copies what it keeps, and a record
    // leaving the task is serialized as it is output.
    if (tier != null) {
      f.scope = tier;
      ctx.output(SERIES, f);
    }
    f.scope = Scopes.ALL;
    ctx.output(SERIES, f);
  }

  private boolean countDistinct(String kind, String id, Kpi kpi, CountyTotals t, long[] d)
      throws Exception {
    String key = kind + id;
    if (distinctIds.contains(key)) {
      // A snapshot with more duplicates must supersede the one before: the version grows too.
      t.duplicates++;
      t.version++;
      return false;
    }
    distinctIds.put(key, Boolean.TRUE);
    add(kpi, 1, t, d);
    return true;
  }

  private static void add(Kpi kpi, long value, CountyTotals t, long[] d) {
    t.kpis[kpi.ordinal()] += value;
    d[kpi.ordinal()] += value;
  }

  private static boolean allZero(long[] d) {
    for (long v : d) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  private void emitSeries(Context ctx) throws Exception {
    series.sendChanged(Scopes.county(ctx.getCurrentKey()), v -> ctx.output(COUNTY_SERIES, v));
  }

  /**
   * Emits now when the last emission is at least an interval old (an isolated update goes out at
   * once), else schedules one emission at last + interval (a burst is coalesced).
   */
  private void emitOrSchedule(long watermark, Context ctx, Collector<CountyTotals> out)
      throws Exception {
    if (emitAt.value() != null) {
      return; // already scheduled
    }
    long now = ctx.timerService().currentProcessingTime();
    Long last = lastEmit.value();
    if (last == null || now - last >= emitIntervalMillis) {
      emit(watermark, ctx, out);
    } else {
      long at = last + emitIntervalMillis;
      ctx.timerService().registerProcessingTimeTimer(at);
      emitAt.update(at);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CountyTotals> out)
      throws Exception {
    long watermark = ctx.timerService().currentWatermark();
    if (ctx.timeDomain() == TimeDomain.EVENT_TIME && timestamp != Long.MAX_VALUE) {
      if (RecentEventIds.isSweepTime(timestamp)) {
        recentIds.sweep(ctx.getCurrentKey(), timestamp);
      }
      // Any event-time timer may be a drop of the county's series hours (a no-op if none is due).
      series.dropDue(
          Scopes.county(ctx.getCurrentKey()), timestamp, v -> ctx.output(COUNTY_SERIES, v));
      // At midnight on the campaign clock yesterday's "today" is gone. A day can only become past
      // when the clock's day changes, so the days are looked at once per county and clock day, not
      // at every timer (in a replay a county holds many future days while the watermark lags).
      long clockDay = clockDay(watermark);
      List<Long> past = new ArrayList<>();
      if (daysCleanedFor.changed(ctx.getCurrentKey(), clockDay)) {
        for (Long day : days.keys()) {
          if (day < clockDay) {
            past.add(day);
          }
        }
        for (Long day : past) {
          days.remove(day);
        }
      }
      if (!past.isEmpty() || timerDays.isStartOfDay(timestamp)) {
        emitOrSchedule(watermark, ctx, out);
      }
      return;
    }
    if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
      Long due = emitAt.value();
      if (due == null || due != timestamp) {
        return; // a timer of an earlier schedule, already flushed
      }
    }
    emit(watermark, ctx, out);
  }

  private void emit(long watermark, Context ctx, Collector<CountyTotals> out) throws Exception {
    emitAt.clear();
    lastEmit.update(ctx.timerService().currentProcessingTime());
    emitSeries(ctx);
    CountyTotals t = totals.value();
    if (t == null) {
      return;
    }
    CountyTotals snapshot = t.copy();
    snapshot.day = clockDay(watermark);
    snapshot.clock = watermark;
    long[] today = days.get(snapshot.day);
    snapshot.today = today == null ? new long[KPIS] : today.clone();
    out.collect(snapshot);
  }
}
