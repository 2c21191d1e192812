package org.live110.dashboard;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.codec.RejectReason;
import org.live110.model.output.DeadLetterSummary;

/**
 * The dashboard's own gauges (besides {@code dashboard_sse_clients}, which the SSE hub owns): age
 * of the newest update, consumer lag, dead letters by reason, records the follower could not use,
 * live sessions; plus JVM basics. Reasons are registered as they first appear.
 */
public final class DashboardMetrics implements AutoCloseable {
  private final MeterRegistry registry;
  private final ProgressView view;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Set<String> deadLetterReasons = ConcurrentHashMap.newKeySet();
  private final Set<String> badRecordReasons = ConcurrentHashMap.newKeySet();

  public DashboardMetrics(MeterRegistry registry, ProgressView view) {
    this.registry = registry;
    this.view = view;
    Gauge.builder("dashboard.last.update.age.seconds", view, DashboardMetrics::ageSeconds)
        .description("seconds since the newest update of the view (NaN before any)")
        .register(registry);
    Gauge.builder("dashboard.consumer.lag", view, ProgressView::consumerLag)
        .description("records the progress follower is behind the end of its topics")
        .register(registry);
    Gauge.builder("dashboard.sessions.live", view, ProgressView::liveSessionCount)
        .description("livestream sessions live now")
        .register(registry);
    Gauge.builder("dashboard.replaying", view, v -> v.replaying() ? 1 : 0)
        .description("1 while the view is being rebuilt from the topics")
        .register(registry);
    for (RejectReason r : RejectReason.values()) {
      registerDeadLetterReason(r.code());
    }
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  private static double ageSeconds(ProgressView v) {
    Duration age = v.lastUpdateAge();
    return age == null ? Double.NaN : age.toMillis() / 1000.0;
  }

  /** Registers gauges for reasons seen since the last call (called before each scrape). */
  public void registerNewReasons() {
    DeadLetterSummary d = view.deadLetters();
    if (d != null && d.byReason() != null) {
      d.byReason().keySet().forEach(this::registerDeadLetterReason);
    }
    for (String reason : view.badRecords().keySet()) {
      if (badRecordReasons.add(reason)) {
        FunctionCounter.builder(
                "dashboard.bad.records", view, v -> v.badRecords().getOrDefault(reason, 0L))
            .description("records from the output topics the dashboard could not use")
            .tag("reason", reason)
            .register(registry);
      }
    }
  }

  private void registerDeadLetterReason(String reason) {
    if (deadLetterReasons.add(reason)) {
      Gauge.builder("dashboard.dead.letters", view, v -> deadLetters(v, reason))
          .description("rejected input records by reason, as the stream job counted them")
          .tag("reason", reason)
          .register(registry);
    }
  }

  private static double deadLetters(ProgressView v, String reason) {
    DeadLetterSummary d = v.deadLetters();
    if (d == null || d.byReason() == null) {
      return 0;
    }
    Map<String, Long> byReason = d.byReason();
    return byReason.getOrDefault(reason, 0L);
  }

  @Override
  public void close() {
    gc.close();
  }
}
