package org.live110.reliability.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.ScopeSnapshot;
import org.live110.reliability.support.Figures;
import org.live110.reliability.support.ProgressTopic;
import org.live110.reliability.support.RecordingSink;
import org.live110.reliability.support.TruthCheck;

/** Checks the job tests share: waiting for the published totals to equal the ground truth. */
final class JobChecks {
  /** How long the job may take to publish the exact totals once the input has stopped. */
  static final Duration CONVERGENCE = Duration.ofSeconds(90);

  private JobChecks() {}

  /**
   * Polls the progress topic until its totals equal the truth or {@link #CONVERGENCE} passes;
   * records the figures (lost, counted twice, headline totals, time to converge) and returns the
   * remaining differences (empty when exact).
   */
  static List<String> awaitTruth(RecordingSink sink, ProgressTopic reader, Figures figures)
      throws InterruptedException {
    Instant start = Instant.now();
    Instant deadline = start.plus(CONVERGENCE);
    List<String> diffs;
    do {
      diffs = TruthCheck.differences(sink.truth(), reader.poll().scopes(), reader.deadLetters());
    } while (!diffs.isEmpty() && Instant.now().isBefore(deadline));
    ScopeSnapshot all = reader.scope(Scopes.ALL);
    figures
        .put(
            "secondsToExactAfterInputEnded",
            Duration.between(start, Instant.now()).toMillis() / 1e3)
        .put("scopesChecked", sink.truth().totals().size())
        .put("recordsSent", sink.sent())
        .put("allOrders", all == null ? null : all.total(Kpi.ORDERS))
        .put("allSalesFen", all == null ? null : all.total(Kpi.SALES_FEN))
        .put("allExposure", all == null ? null : all.total(Kpi.EXPOSURE))
        .put("recordsLost", TruthCheck.lost(sink.truth(), reader.scopes()))
        .put("countedTwice", TruthCheck.countedTwice(sink.truth(), reader.scopes()))
        .put("differences", diffs.size() > 20 ? diffs.subList(0, 20) : diffs)
        .put("differenceCount", diffs.size());
    return diffs;
  }

  /**
   * Polls the progress topic until the {@code all} snapshot's duplicates reach {@code expected} or
   * {@link #CONVERGENCE} passes, and returns that snapshot. Needed because exact totals do not
   * imply that every duplicate has been counted: a duplicate changes no total, and the last ones of
   * another partition may still be on their way when the totals are complete.
   */
  static ScopeSnapshot awaitDuplicates(ProgressTopic reader, long expected) {
    Instant deadline = Instant.now().plus(CONVERGENCE);
    ScopeSnapshot all = reader.scope(Scopes.ALL);
    while ((all == null || all.duplicates() < expected) && Instant.now().isBefore(deadline)) {
      all = reader.poll().scope(Scopes.ALL);
    }
    return all;
  }
}
