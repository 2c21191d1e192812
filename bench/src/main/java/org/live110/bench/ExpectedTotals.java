package org.live110.bench;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.live110.model.Kpi;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.ProductListed;
import org.live110.model.event.ShopOpened;
import org.live110.model.event.TrainingAttended;

/**
 * The exact totals of what the bench preloaded, counted independently of the job under the rules of
 * EVENTS.md (dedup by eventId, distinct ids per county, net sales = distinct paid orders −
 * refunds). The bench uses it to detect when a job has drained the input and to check the SQL
 * peer's totals.
 *
 * <p>Input: every produced record value, in produce order ({@link #add}). Output: per county and
 * campaign-wide KPI totals, dead letters per reason, the number of distinct ids. Not thread-safe.
 * It holds every eventId seen, so it is dropped after the preload ({@link #freeze}).
 */
public final class ExpectedTotals {
  private final EventParser parser;
  private Set<String> eventIds = new HashSet<>();
  private final Map<String, County> counties = new HashMap<>();
  private final Map<String, Long> deadLetters = new TreeMap<>();
  private long records;
  private long duplicates;

  public ExpectedTotals(EventParser parser) {
    this.parser = parser;
  }

  /** Counts one produced record value. */
  public void add(byte[] value) {
    records++;
    ParseResult r = parser.parse(value);
    if (r instanceof ParseResult.Rejected rej) {
      deadLetters.merge(rej.reason().code(), 1L, Long::sum);
      return;
    }
    CampaignEvent e = ((ParseResult.Accepted) r).event();
    if (!eventIds.add(e.eventId())) {
      duplicates++;
      return;
    }
    counties.computeIfAbsent(e.countyCode(), c -> new County()).count(e);
  }

  /** Drops the eventId set (the bulk of this object's memory) once nothing more is added. */
  public Totals freeze() {
    eventIds = null;
    Map<String, Map<Kpi, Long>> byCounty = new TreeMap<>();
    Map<Kpi, Long> all = new EnumMap<>(Kpi.class);
    long distinctIds = 0;
    for (Map.Entry<String, County> e : counties.entrySet()) {
      Map<Kpi, Long> t = e.getValue().totals();
      byCounty.put(e.getKey(), t);
      t.forEach((k, v) -> all.merge(k, v, Long::sum));
      distinctIds += e.getValue().distinctIds();
    }
    for (Kpi k : Kpi.all()) {
      all.putIfAbsent(k, 0L);
    }
    long dlTotal = deadLetters.values().stream().mapToLong(Long::longValue).sum();
    return new Totals(
        records,
        records - dlTotal - duplicates,
        duplicates,
        all,
        byCounty,
        Map.copyOf(deadLetters),
        dlTotal,
        distinctIds);
  }

  /**
   * The frozen figures.
   *
   * @param records every record produced
   * @param counted valid events counted once (records − dead letters − duplicates)
   * @param duplicates valid events whose eventId was seen before
   * @param all campaign-wide totals of every KPI
   * @param byCounty totals per county code (only counties with events)
   * @param deadLetters rejected records per reason code
   * @param deadLetterTotal all rejected records
   * @param distinctIds ids the job must keep for the campaign (orders, shops, products, posts,
   *     households, livestreams)
   */
  public record Totals(
      long records,
      long counted,
      long duplicates,
      Map<Kpi, Long> all,
      Map<String, Map<Kpi, Long>> byCounty,
      Map<String, Long> deadLetters,
      long deadLetterTotal,
      long distinctIds) {}

  /** One county's running counts. */
  private static final class County {
    long exposure;
    long reads;
    long gross;
    long refunded;
    long trainees;
    final Set<String> posts = new HashSet<>();
    final Set<String> orders = new HashSet<>();
    final Set<String> shops = new HashSet<>();
    final Set<String> products = new HashSet<>();
    final Set<String> households = new HashSet<>();
    final Set<String> livestreams = new HashSet<>();

    void count(CampaignEvent e) {
      if (e instanceof ContentExposure x) {
        exposure += x.impressions();
        if (x.authorKind() == AuthorKind.TRAINEE) {
          reads += x.reads();
        }
      } else if (e instanceof ContentPublished x) {
        if (x.authorKind() == AuthorKind.TRAINEE) {
          posts.add(x.contentId());
        }
      } else if (e instanceof OrderPaid x) {
        if (orders.add(x.orderId())) {
          gross += x.amountFen();
        }
      } else if (e instanceof OrderRefunded x) {
        refunded += x.amountFen();
      } else if (e instanceof ShopOpened x) {
        shops.add(x.shopId());
      } else if (e instanceof ProductListed x) {
        products.add(x.productId());
      } else if (e instanceof TrainingAttended) {
        trainees++;
      } else if (e instanceof HouseholdBenefited x) {
        households.add(x.householdId());
      } else if (e instanceof LiveStarted x) {
        livestreams.add(x.sessionId());
      }
      // live_stats and live_ended feed sessions and series, not the annual KPIs.
    }

    long distinctIds() {
      return posts.size()
          + orders.size()
          + shops.size()
          + products.size()
          + households.size()
          + livestreams.size();
    }

    Map<Kpi, Long> totals() {
      Map<Kpi, Long> t = new EnumMap<>(Kpi.class);
      t.put(Kpi.EXPOSURE, exposure);
      t.put(Kpi.READS, reads);
      t.put(Kpi.POSTS, (long) posts.size());
      t.put(Kpi.SALES_FEN, gross - refunded);
      t.put(Kpi.ORDERS, (long) orders.size());
      t.put(Kpi.SHOPS, (long) shops.size());
      t.put(Kpi.PRODUCTS, (long) products.size());
      t.put(Kpi.TRAINEES, trainees);
      t.put(Kpi.HOUSEHOLDS, (long) households.size());
      t.put(Kpi.LIVESTREAMS, (long) livestreams.size());
      return t;
    }
  }
}
