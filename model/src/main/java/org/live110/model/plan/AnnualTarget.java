package org.live110.model.plan;

import java.io.Serializable;
import org.live110.model.Kpi;

/**
 * One target of the plan: a KPI's annual value for a tier or the whole campaign.
 *
 * @param scope {@code tier:core}, {@code tier:radiating} or {@code all}
 */
public record AnnualTarget(String scope, Kpi kpi, long value) implements Serializable {}
