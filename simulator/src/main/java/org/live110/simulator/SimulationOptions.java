package org.live110.simulator;

import java.time.Instant;
import java.util.Objects;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * Everything that decides what a simulated year contains. Same options (seed included) give the
 * same records, byte for byte.
 *
 * @param seed the random seed
 * @param events about how many clean events the year holds; {@link #DEFAULT_EVENTS} is the plan's
 *     scale, fewer or more scales every count and amount proportionally
 * @param year the campaign year
 * @param registry the counties
 * @param topics the topic names records are routed to
 * @param faults fault rates
 * @param scenario attainment of each target at the default size, lagging counties
 * @param start records arriving before this campaign instant are not produced (null: from the start
 *     of the year)
 * @param skipRecords the first this many records are not produced, but still counted by the ground
 *     truth (resuming an interrupted run)
 * @param maxRecordBytes the parser's size limit the ground truth applies
 */
public record SimulationOptions(
    long seed,
    long events,
    int year,
    CountyRegistry registry,
    Topics topics,
    FaultRates faults,
    Scenario scenario,
    Instant start,
    long skipRecords,
    int maxRecordBytes) {

  /** The default year: about this many clean events, ending near the plan's targets. */
  public static final long DEFAULT_EVENTS = 2_500_000;

  public SimulationOptions {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(faults, "faults");
    Objects.requireNonNull(scenario, "scenario");
    if (events < 1_000 || events > 100_000_000) {
      throw new IllegalArgumentException("events must be within 1,000..100,000,000");
    }
    new CampaignCalendar(year); // validates the year
    if (skipRecords < 0) {
      throw new IllegalArgumentException("skipRecords must not be negative");
    }
    if (faults.bad() > 0 && faults.tooLargeBytes() <= maxRecordBytes) {
      throw new IllegalArgumentException(
          "a too_large record of "
              + faults.tooLargeBytes()
              + " bytes would not exceed the record limit of "
              + maxRecordBytes);
    }
  }

  /** Defaults for a seed: the plan-sized year 2019, default topics, faults and scenario. */
  public static SimulationOptions defaults(long seed, CountyRegistry registry) {
    return new SimulationOptions(
        seed,
        DEFAULT_EVENTS,
        CampaignCalendar.DEFAULT_YEAR,
        registry,
        Topics.DEFAULT,
        FaultRates.DEFAULT,
        Scenario.DEFAULT,
        null,
        0,
        EventParser.DEFAULT_MAX_BYTES);
  }

  public CampaignCalendar calendar() {
    return new CampaignCalendar(year);
  }

  /** The scale of this year relative to the plan-sized default. */
  public double scale() {
    return (double) events / DEFAULT_EVENTS;
  }

  public SimulationOptions withEvents(long v) {
    return new SimulationOptions(
        seed, v, year, registry, topics, faults, scenario, start, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withYear(int v) {
    return new SimulationOptions(
        seed, events, v, registry, topics, faults, scenario, start, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withTopics(Topics v) {
    return new SimulationOptions(
        seed, events, year, registry, v, faults, scenario, start, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withFaults(FaultRates v) {
    return new SimulationOptions(
        seed, events, year, registry, topics, v, scenario, start, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withScenario(Scenario v) {
    return new SimulationOptions(
        seed, events, year, registry, topics, faults, v, start, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withStart(Instant v) {
    return new SimulationOptions(
        seed, events, year, registry, topics, faults, scenario, v, skipRecords, maxRecordBytes);
  }

  public SimulationOptions withSkipRecords(long v) {
    return new SimulationOptions(
        seed, events, year, registry, topics, faults, scenario, start, v, maxRecordBytes);
  }

  public SimulationOptions withMaxRecordBytes(int v) {
    return new SimulationOptions(
        seed, events, year, registry, topics, faults, scenario, start, skipRecords, v);
  }
}
