package org.live110.simulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.live110.model.plan.CampaignCalendar;

/**
 * A snapshot of a running simulation.
 *
 * @param records records sent to the sink so far
 * @param acknowledged records the sink reports durable (for resuming: skip this many)
 * @param campaignTime campaign time reached (arrival time of the last record), null before any
 * @param recordsPerSecond average rate since the start, wall clock
 * @param done whether the run has ended (finished or stopped)
 */
public record SimulationProgress(
    long records, long acknowledged, Instant campaignTime, double recordsPerSecond, boolean done) {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

  /** One human line, e.g. {@code 1,234,567 records (98,765/s), campaign 2019-06-18 20:05}. */
  public String line() {
    String when =
        campaignTime == null
            ? "not started"
            : LocalDateTime.ofInstant(campaignTime, CampaignCalendar.ZONE).format(DATE);
    return String.format(
        Locale.ROOT,
        "%,d records (%,.0f/s), campaign %s%s",
        records,
        recordsPerSecond,
        when,
        done ? ", done" : "");
  }
}
