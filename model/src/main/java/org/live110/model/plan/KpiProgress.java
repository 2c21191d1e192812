package org.live110.model.plan;

/**
 * A KPI's value against its annual target at one point of the campaign clock.
 *
 * @param value the total so far
 * @param target annual target, or null when this scope has none for the KPI
 * @param progress value / target, or null without a target
 * @param expected the fraction of the year elapsed: where a linear pace would be now
 * @param pace pace status, or null without a target
 * @param projection linear year-end projection of the value
 * @param dailyRateNeeded units per remaining day still needed to meet the target (0 when met), or
 *     null without a target
 */
public record KpiProgress(
    long value,
    Long target,
    Double progress,
    double expected,
    PaceStatus pace,
    long projection,
    Long dailyRateNeeded) {}
