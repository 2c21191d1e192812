package org.live110.jobs;

import java.io.Serializable;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

/**
 * What the job counts against: the county registry, the annual targets and the campaign calendar,
 * loaded once on the client (from files named in {@link JobConfig}, else the bundled ones) and
 * shipped to the operators inside the job graph, so no task reads a file at run time.
 */
public record CampaignPlan(CountyRegistry registry, TargetBook targets, CampaignCalendar calendar)
    implements Serializable {

  public static CampaignPlan load(JobConfig config) {
    CountyRegistry registry =
        config.registryFile() == null
            ? CountyRegistry.sample()
            : CountyRegistry.load(config.registryFile());
    TargetBook targets =
        config.targetsFile() == null
            ? TargetBook.plan(registry)
            : TargetBook.of(TargetBook.load(config.targetsFile()), registry);
    return new CampaignPlan(registry, targets, new CampaignCalendar(config.year()));
  }

  public EventParser parser(int maxBytes) {
    return new EventParser(registry, calendar, maxBytes);
  }
}
