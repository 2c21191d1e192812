package org.live110.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.EventWriter;
import org.live110.model.codec.ParseResult;
import org.live110.model.codec.RejectReason;
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
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * The exact totals of a stream of produced records under the rules of EVENTS.md, independent of how
 * they were generated: every record goes through the model's {@link EventParser}; a rejected record
 * counts as a dead letter by reason; an accepted one is first de-duplicated by {@code eventId} (for
 * every type: an exact duplicate never counts twice), then counted per county — distinct ids where
 * a KPI counts distinct ids, net sales as distinct paid orders minus refunds.
 *
 * <p>Output: JSON in the shape of the dashboard's {@code /api/progress} — {@code asOf}, {@code
 * scopes.<scope>.totals} for {@code all}, both tiers and every county, and {@code deadLetters}. Not
 * thread-safe: feed it from one thread.
 */
public final class GroundTruth {
  private final CountyRegistry registry;
  private final EventParser parser;
  private final IdSet eventIds = new IdSet(1 << 20);
  private final Map<String, CountyTotals> byCounty = new LinkedHashMap<>();
  private final Map<RejectReason, Long> deadLetters = new LinkedHashMap<>();
  private long records;
  private long duplicates;
  private long maxEventTime = Long.MIN_VALUE;

  /** Counts records for a registry and campaign year, with the parser's size limit. */
  public GroundTruth(CountyRegistry registry, CampaignCalendar calendar, int maxRecordBytes) {
    this.registry = registry;
    this.parser = new EventParser(registry, calendar, maxRecordBytes);
    for (County c : registry.counties()) {
      byCounty.put(c.code(), new CountyTotals());
    }
    for (RejectReason r : RejectReason.values()) {
      deadLetters.put(r, 0L);
    }
  }

  /** The truth for the records a simulation with these options produces. */
  public static GroundTruth forOptions(SimulationOptions options) {
    return new GroundTruth(options.registry(), options.calendar(), options.maxRecordBytes());
  }

  private static final class CountyTotals {
    final long[] totals = new long[Kpi.values().length];
    final IdSet posts = new IdSet(64);
    final IdSet orders = new IdSet(256);
    final IdSet shops = new IdSet(16);
    final IdSet products = new IdSet(16);
    final IdSet households = new IdSet(64);
    final IdSet sessions = new IdSet(64);

    void add(Kpi kpi, long v) {
      totals[kpi.ordinal()] += v;
    }
  }

  /** Counts one produced record value. */
  public void accept(byte[] value) {
    records++;
    ParseResult result = parser.parse(value);
    if (result instanceof ParseResult.Rejected r) {
      deadLetters.merge(r.reason(), 1L, Long::sum);
      return;
    }
    CampaignEvent e = ((ParseResult.Accepted) result).event();
    if (!eventIds.add(e.eventId())) {
      duplicates++;
      return;
    }
    maxEventTime = Math.max(maxEventTime, e.eventTime().toEpochMilli());
    CountyTotals t = byCounty.get(e.countyCode());
    if (e instanceof ContentPublished p) {
      if (p.authorKind() == AuthorKind.TRAINEE && t.posts.add(p.contentId())) {
        t.add(Kpi.POSTS, 1);
      }
    } else if (e instanceof ContentExposure x) {
      t.add(Kpi.EXPOSURE, x.impressions());
      if (x.authorKind() == AuthorKind.TRAINEE) {
        t.add(Kpi.READS, x.reads());
      }
    } else if (e instanceof LiveStarted l) {
      if (t.sessions.add(l.sessionId())) {
        t.add(Kpi.LIVESTREAMS, 1);
      }
    } else if (e instanceof OrderPaid o) {
      if (t.orders.add(o.orderId())) {
        t.add(Kpi.ORDERS, 1);
        t.add(Kpi.SALES_FEN, o.amountFen());
      }
    } else if (e instanceof OrderRefunded r) {
      t.add(Kpi.SALES_FEN, -r.amountFen());
    } else if (e instanceof ShopOpened s) {
      if (t.shops.add(s.shopId())) {
        t.add(Kpi.SHOPS, 1);
      }
    } else if (e instanceof ProductListed p) {
      if (t.products.add(p.productId())) {
        t.add(Kpi.PRODUCTS, 1);
      }
    } else if (e instanceof TrainingAttended) {
      t.add(Kpi.TRAINEES, 1);
    } else if (e instanceof HouseholdBenefited h) {
      if (t.households.add(h.householdId())) {
        t.add(Kpi.HOUSEHOLDS, 1);
      }
    }
    // live_stats and live_ended feed sessions and series, not the annual totals.
  }

  /** Records counted. */
  public long records() {
    return records;
  }

  /** Valid records dropped as duplicates of an earlier event id. */
  public long duplicates() {
    return duplicates;
  }

  /** Dead letters by reason (every reason present). */
  public Map<RejectReason, Long> deadLetters() {
    return Map.copyOf(deadLetters);
  }

  /** Totals per scope: all, tier:core, tier:radiating, then county:code for every county. */
  public Map<String, Map<Kpi, Long>> totals() {
    Map<String, Map<Kpi, Long>> out = new LinkedHashMap<>();
    Map<String, long[]> sums = new HashMap<>();
    long[] all = new long[Kpi.values().length];
    sums.put(Scopes.ALL, all);
    for (Tier tier : Tier.values()) {
      sums.put(tier.scope(), new long[Kpi.values().length]);
    }
    for (County c : registry.counties()) {
      long[] t = byCounty.get(c.code()).totals;
      long[] tier = sums.get(c.tier().scope());
      for (int k = 0; k < t.length; k++) {
        all[k] += t[k];
        tier[k] += t[k];
      }
    }
    out.put(Scopes.ALL, asMap(all));
    for (Tier tier : Tier.values()) {
      out.put(tier.scope(), asMap(sums.get(tier.scope())));
    }
    for (County c : registry.counties()) {
      out.put(c.scope(), asMap(byCounty.get(c.code()).totals));
    }
    return out;
  }

  private static Map<Kpi, Long> asMap(long[] values) {
    Map<Kpi, Long> m = new LinkedHashMap<>();
    for (Kpi k : Kpi.all()) {
      m.put(k, values[k.ordinal()]);
    }
    return m;
  }

  /** The truth as JSON in the shape of {@code /api/progress}. */
  public ObjectNode toJson() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put(
        "asOf",
        maxEventTime == Long.MIN_VALUE
            ? null
            : EventWriter.formatTime(java.time.Instant.ofEpochMilli(maxEventTime)));
    ObjectNode scopes = root.putObject("scopes");
    for (Map.Entry<String, Map<Kpi, Long>> s : totals().entrySet()) {
      ObjectNode totals = scopes.putObject(s.getKey()).putObject("totals");
      s.getValue().forEach((k, v) -> totals.put(k.key(), v));
    }
    ObjectNode dl = root.putObject("deadLetters");
    long total = 0;
    for (long v : deadLetters.values()) {
      total += v;
    }
    dl.put("total", total);
    ObjectNode byReason = dl.putObject("byReason");
    deadLetters.forEach((r, v) -> byReason.put(r.code(), v));
    ObjectNode produced = root.putObject("produced");
    produced.put("records", records);
    produced.put("duplicatesDropped", duplicates);
    return root;
  }

  /** Writes the truth file (pretty-printed JSON). */
  public void write(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    mapper.writeValue(file.toFile(), toJson());
  }

  /** The KPI names in totals order (for readers of the file). */
  public static List<String> kpiKeys() {
    return Kpi.all().stream().map(Kpi::key).toList();
  }
}
