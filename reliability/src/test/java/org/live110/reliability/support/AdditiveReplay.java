package org.live110.reliability.support;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.EventType;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.TrainingAttended;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * What the job's documented dedup policy says a replay of events older than the dedup retention
 * does, computed independently: additive events (exposure, live stats, trainings, refunds, brand
 * and media posts) count again — their ids are no longer held — while distinct-id events (orders,
 * shops, products, trainee posts, households, livestreams) cannot, their id sets being kept for the
 * campaign; they count as duplicates.
 */
public final class AdditiveReplay {
  private final EventParser parser;
  private final CountyRegistry registry;
  private final Map<String, long[]> byCounty = new HashMap<>();
  private long additive;
  private long distinct;

  public AdditiveReplay(EventParser parser, CountyRegistry registry) {
    this.parser = parser;
    this.registry = registry;
  }

  /** Accounts one replayed record value. */
  public void accept(byte[] value) {
    ParseResult result = parser.parse(value);
    if (!(result instanceof ParseResult.Accepted accepted)) {
      return;
    }
    CampaignEvent e = accepted.event();
    long[] k = byCounty.computeIfAbsent(e.countyCode(), c -> new long[Kpi.values().length]);
    if (e instanceof ContentExposure x) {
      additive++;
      k[Kpi.EXPOSURE.ordinal()] += x.impressions();
      if (x.authorKind() == AuthorKind.TRAINEE) {
        k[Kpi.READS.ordinal()] += x.reads();
      }
    } else if (e instanceof TrainingAttended) {
      additive++;
      k[Kpi.TRAINEES.ordinal()] += 1;
    } else if (e instanceof OrderRefunded r) {
      additive++;
      k[Kpi.SALES_FEN.ordinal()] -= r.amountFen();
    } else if (e instanceof ContentPublished p && p.authorKind() != AuthorKind.TRAINEE) {
      additive++;
    } else if (e.type() == EventType.LIVE_STATS || e.type() == EventType.LIVE_ENDED) {
      additive++;
    } else {
      distinct++;
    }
  }

  /** Valid additive events replayed: each counts again and is flagged {@code dedupExpired}. */
  public long additiveEvents() {
    return additive;
  }

  /** Valid distinct-id events replayed: none counts again; each is a duplicate. */
  public long distinctEvents() {
    return distinct;
  }

  /** The extra the policy adds per scope (all, tiers, counties) and KPI. */
  public Map<String, Map<Kpi, Long>> extraByScope() {
    Map<String, long[]> sums = new LinkedHashMap<>();
    sums.put(Scopes.ALL, new long[Kpi.values().length]);
    for (County c : registry.counties()) {
      long[] k = byCounty.getOrDefault(c.code(), new long[Kpi.values().length]);
      long[] tier = sums.computeIfAbsent(c.tier().scope(), s -> new long[Kpi.values().length]);
      sums.put(c.scope(), k);
      for (int i = 0; i < k.length; i++) {
        sums.get(Scopes.ALL)[i] += k[i];
        tier[i] += k[i];
      }
    }
    Map<String, Map<Kpi, Long>> out = new LinkedHashMap<>();
    for (Map.Entry<String, long[]> e : sums.entrySet()) {
      Map<Kpi, Long> m = new LinkedHashMap<>();
      for (Kpi kpi : Kpi.values()) {
        m.put(kpi, e.getValue()[kpi.ordinal()]);
      }
      out.put(e.getKey(), m);
    }
    return out;
  }
}
