package org.live110.jobs.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveEnded;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.LiveStats;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.OrderRefunded;
import org.live110.model.event.ProductListed;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.ShopOpened;
import org.live110.model.event.TrainingAttended;
import org.live110.model.event.TrainingMode;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * A seeded, generated input for whole-graph tests, and the figures it must produce computed
 * independently of the job (plain collections, the contract's counting rules).
 *
 * <p>The main part lies in a 12-hour span of 1 June 2019, fully shuffled (times out of order,
 * across partitions), with exact re-sends (duplicates), distinct ids re-sent under new eventIds,
 * refunds (some for orders never seen) and bad records of every kind. A tail of events on 31
 * December 2019 follows (shuffled among themselves), so "today" at the end of input (the clock then
 * reads the year's last day) is not empty.
 */
public final class CampaignScenario {
  public static final Instant SPAN_START =
      ZonedDateTime.of(2019, 6, 1, 8, 0, 0, 0, CampaignCalendar.ZONE).toInstant();
  public static final Duration SPAN = Duration.ofHours(12);
  public static final Instant LAST_DAY_EVENING =
      ZonedDateTime.of(2019, 12, 31, 20, 0, 0, 0, CampaignCalendar.ZONE).toInstant();
  public static final LocalDate LAST_DAY = LocalDate.of(2019, 12, 31);

  private static final long MINUTE = 60_000L;

  public final List<RawRecord> records = new ArrayList<>();
  public final Map<String, ExpectedScope> scopes = new LinkedHashMap<>();

  /** scope@minuteMillis → {version, salesFen, orders, exposure, reads, newViewers}. */
  public final Map<String, long[]> buckets = new TreeMap<>();

  public final Map<String, ExpectedSession> sessions = new TreeMap<>();
  public final Map<String, Long> deadLettersByReason = new TreeMap<>();

  /** "topic/partition/offset/reason" of every bad record. */
  public final Set<String> deadLetterCoordinates = new HashSet<>();

  /** Count of valid records (duplicates included). */
  public int validRecords;

  private final Random rnd;
  private final CountyRegistry registry;
  private final int maxBytes;
  private final Map<String, long[]> offsets = new HashMap<>();
  private int seq;

  /** Expected final state of a session. */
  public static final class ExpectedSession {
    public String countyCode;
    public String status;
    public long startedAt;
    public long endedAt;
    public long lastEventAt;
    public long viewersAt = Long.MIN_VALUE;
    public long viewersOnline;
    public long peakViewers;
    public long newViewers;
    public long likes;
    public long orders;
    public long salesFen;
  }

  private CampaignScenario(long seed, CountyRegistry registry, int maxBytes) {
    this.rnd = new Random(seed);
    this.registry = registry;
    this.maxBytes = maxBytes;
  }

  /**
   * @param size roughly how many distinct valid events of the main part
   * @param maxBytes the job's record size limit (a few records are made larger)
   */
  public static CampaignScenario generate(
      long seed, int size, CountyRegistry registry, int maxBytes) {
    CampaignScenario s = new CampaignScenario(seed, registry, maxBytes);
    s.build(size);
    return s;
  }

  // ---- generation ----------------------------------------------------------------------------

  private void build(int size) {
    List<CampaignEvent> mainEvents = generateMain(size);
    List<CampaignEvent> tailEvents = generateTail(Math.max(20, size / 50));
    List<CampaignEvent> mainWithDups = withDuplicates(mainEvents);
    List<CampaignEvent> tailWithDups = withDuplicates(tailEvents);
    Collections.shuffle(mainWithDups, rnd);
    Collections.shuffle(tailWithDups, rnd);

    List<Object> arrival = new ArrayList<>(mainWithDups);
    int bad = Math.max(14, size / 40);
    for (int i = 0; i < bad; i++) {
      arrival.add(rnd.nextInt(arrival.size() + 1), badRecord(i));
    }
    arrival.addAll(tailWithDups);

    for (Object o : arrival) {
      if (o instanceof CampaignEvent e) {
        validRecords++;
        String topic = Topics.DEFAULT.inputFor(e.type());
        add(topic, EventWriter.toJson(e));
        expect(e);
      } else {
        BadRecord b = (BadRecord) o;
        RawRecord r = add(Topics.DEFAULT.inputs().get(rnd.nextInt(4)), b.bytes);
        deadLettersByReason.merge(b.reason, 1L, Long::sum);
        deadLetterCoordinates.add(
            r.topic() + "/" + r.partition() + "/" + r.offset() + "/" + b.reason);
      }
    }
    finishSessions();
  }

  private RawRecord add(String topic, byte[] bytes) {
    int partition = rnd.nextInt(2);
    long[] next = offsets.computeIfAbsent(topic + "/" + partition, k -> new long[1]);
    RawRecord r = new RawRecord(topic, partition, next[0]++, bytes);
    records.add(r);
    return r;
  }

  private String id(String prefix) {
    return prefix + "-" + (++seq);
  }

  private County county() {
    List<County> all = registry.counties();
    return all.get(rnd.nextInt(all.size()));
  }

  private Instant inSpan() {
    return SPAN_START.plusMillis((long) (rnd.nextDouble() * SPAN.toMillis()));
  }

  private AuthorKind author() {
    int k = rnd.nextInt(10);
    return k < 6 ? AuthorKind.TRAINEE : k < 8 ? AuthorKind.BRAND : AuthorKind.MEDIA;
  }

  private List<CampaignEvent> generateMain(int size) {
    List<CampaignEvent> out = new ArrayList<>();
    // Sessions first, so orders can be sold in them.
    List<LiveStarted> started = new ArrayList<>();
    for (int i = 0; i < Math.max(3, size / 100); i++) {
      County c = county();
      String sessionId = id("live");
      Instant t0 = inSpan();
      LiveStarted ls =
          new LiveStarted(
              id("ev"),
              t0,
              c.code(),
              sessionId,
              id("host"),
              "douyin",
              i % 3 == 0 ? null : "直播" + i);
      started.add(ls);
      out.add(ls);
      int stats = 1 + rnd.nextInt(6);
      Instant t = t0;
      for (int k = 0; k < stats; k++) {
        t = t.plusSeconds(30 + rnd.nextInt(600));
        out.add(
            new LiveStats(
                id("ev"),
                t,
                c.code(),
                sessionId,
                rnd.nextInt(5000),
                rnd.nextInt(300),
                rnd.nextInt(1000)));
      }
      if (rnd.nextInt(10) < 6) {
        out.add(new LiveEnded(id("ev"), t.plusSeconds(60), c.code(), sessionId));
      }
    }
    List<OrderPaid> orders = new ArrayList<>();
    int n = size;
    while (out.size() < n) {
      int kind = rnd.nextInt(100);
      County c = county();
      Instant t = inSpan();
      if (kind < 30) {
        long imp = rnd.nextInt(20000);
        out.add(
            new ContentExposure(
                id("ev"),
                t,
                c.code(),
                id("content"),
                author(),
                "toutiao",
                imp,
                imp == 0 ? 0 : rnd.nextInt((int) imp + 1)));
      } else if (kind < 55) {
        SalesChannel ch = SalesChannel.values()[rnd.nextInt(3)];
        String session = null;
        if (ch == SalesChannel.LIVESTREAM && rnd.nextBoolean()) {
          session = started.get(rnd.nextInt(started.size())).sessionId();
        }
        OrderPaid o =
            new OrderPaid(
                id("ev"),
                t,
                c.code(),
                id("order"),
                id("shop"),
                id("product"),
                1 + rnd.nextInt(3),
                100 + rnd.nextInt(50000),
                ch,
                session);
        orders.add(o);
        out.add(o);
      } else if (kind < 62) {
        boolean known = !orders.isEmpty() && rnd.nextInt(10) < 8;
        if (known) {
          OrderPaid o = orders.get(rnd.nextInt(orders.size()));
          out.add(
              new OrderRefunded(
                  id("ev"), t, o.countyCode(), o.orderId(), 1 + rnd.nextInt((int) o.amountFen())));
        } else {
          out.add(new OrderRefunded(id("ev"), t, c.code(), id("unknown-order"), 500));
        }
      } else if (kind < 72) {
        AuthorKind a = author();
        out.add(
            new ContentPublished(
                id("ev"),
                t,
                c.code(),
                id("content"),
                a,
                "douyin",
                a == AuthorKind.TRAINEE ? id("trainee") : null));
      } else if (kind < 77) {
        out.add(new ShopOpened(id("ev"), t, c.code(), id("shop"), "企业" + seq, "douyin"));
      } else if (kind < 84) {
        out.add(
            new ProductListed(
                id("ev"), t, c.code(), id("product"), id("shop"), "苹果", 100 + rnd.nextInt(999)));
      } else if (kind < 93) {
        out.add(
            new TrainingAttended(
                id("ev"),
                t,
                c.code(),
                id("trainee"),
                id("course"),
                rnd.nextBoolean() ? TrainingMode.ONLINE : TrainingMode.OFFLINE));
      } else {
        out.add(new HouseholdBenefited(id("ev"), t, c.code(), id("household")));
      }
    }
    // Distinct ids re-sent under new eventIds (same facts): counted once, as duplicates.
    List<CampaignEvent> resent = new ArrayList<>();
    for (CampaignEvent e : out) {
      if (rnd.nextInt(100) < 8) {
        CampaignEvent again = withNewEventId(e);
        if (again != null) {
          resent.add(again);
        }
      }
    }
    out.addAll(resent);
    return out;
  }

  private CampaignEvent withNewEventId(CampaignEvent e) {
    String id = id("ev");
    if (e instanceof ShopOpened s) {
      return new ShopOpened(id, s.eventTime(), s.countyCode(), s.shopId(), s.enterpriseName(), "x");
    } else if (e instanceof ProductListed p) {
      return new ProductListed(
          id,
          p.eventTime(),
          p.countyCode(),
          p.productId(),
          p.shopId(),
          p.productName(),
          p.priceFen());
    } else if (e instanceof HouseholdBenefited h) {
      return new HouseholdBenefited(id, h.eventTime(), h.countyCode(), h.householdId());
    } else if (e instanceof OrderPaid o) {
      return new OrderPaid(
          id,
          o.eventTime(),
          o.countyCode(),
          o.orderId(),
          o.shopId(),
          o.productId(),
          o.quantity(),
          o.amountFen(),
          o.channel(),
          o.sessionId());
    } else if (e instanceof ContentPublished c && c.authorKind() == AuthorKind.TRAINEE) {
      return new ContentPublished(
          id,
          c.eventTime(),
          c.countyCode(),
          c.contentId(),
          c.authorKind(),
          c.platform(),
          c.traineeId());
    }
    return null;
  }

  private List<CampaignEvent> generateTail(int n) {
    List<CampaignEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      County c = county();
      Instant t = LAST_DAY_EVENING.plusMillis((long) (rnd.nextDouble() * 3_600_000L * 3));
      switch (i % 3) {
        case 0 ->
            out.add(
                new ContentExposure(
                    id("ev"), t, c.code(), id("content"), AuthorKind.TRAINEE, "x", 10 + i, i));
        case 1 ->
            out.add(
                new OrderPaid(
                    id("ev"),
                    t,
                    c.code(),
                    id("order"),
                    id("shop"),
                    id("product"),
                    1,
                    1000 + i,
                    SalesChannel.STORE,
                    null));
        default ->
            out.add(
                new TrainingAttended(
                    id("ev"), t, c.code(), id("trainee"), "c", TrainingMode.ONLINE));
      }
    }
    return out;
  }

  /** Adds exact re-sends (same eventId and bytes) of about 6% of the events. */
  private List<CampaignEvent> withDuplicates(List<CampaignEvent> events) {
    List<CampaignEvent> out = new ArrayList<>(events);
    for (CampaignEvent e : events) {
      if (rnd.nextInt(100) < 6) {
        out.add(e);
        if (rnd.nextInt(4) == 0) {
          out.add(e);
        }
      }
    }
    return out;
  }

  private record BadRecord(String reason, byte[] bytes) {}

  private BadRecord badRecord(int i) {
    String time = "2019-06-01T12:00:00+08:00";
    switch (i % 7) {
      case 0:
        return new BadRecord("malformed_json", utf8("{\"eventId\": \"bad-" + i + "\""));
      case 1:
        return new BadRecord(
            "unknown_county",
            utf8(
                "{\"eventId\":\"bad-"
                    + i
                    + "\",\"type\":\"household_benefited\",\"eventTime\":\""
                    + time
                    + "\",\"countyCode\":\"999999\",\"householdId\":\"h\"}"));
      case 2:
        return new BadRecord(
            "out_of_campaign",
            utf8(
                "{\"eventId\":\"bad-"
                    + i
                    + "\",\"type\":\"household_benefited\",\"eventTime\":"
                    + "\"2018-06-01T12:00:00+08:00\",\"countyCode\":\""
                    + registry.counties().get(0).code()
                    + "\",\"householdId\":\"h\"}"));
      case 3:
        StringBuilder sb = new StringBuilder("{\"eventId\":\"bad-" + i + "\",\"pad\":\"");
        while (sb.length() < maxBytes + 500) {
          sb.append("xxxxxxxxxx");
        }
        return new BadRecord("too_large", utf8(sb.append("\"}").toString()));
      case 4:
        byte[] b = utf8("{\"eventId\":\"bad-" + i + "\",\"x\":\"..\"}");
        b[b.length - 4] = (byte) 0xC3;
        b[b.length - 3] = (byte) 0x28;
        return new BadRecord("bad_encoding", b);
      case 5:
        return new BadRecord(
            "missing_field",
            utf8(
                "{\"eventId\":\"bad-"
                    + i
                    + "\",\"type\":\"household_benefited\",\"eventTime\":\""
                    + time
                    + "\",\"countyCode\":\""
                    + registry.counties().get(0).code()
                    + "\"}"));
      default:
        return new BadRecord(
            "unknown_type",
            utf8(
                "{\"eventId\":\"bad-"
                    + i
                    + "\",\"type\":\"party\",\"eventTime\":\""
                    + time
                    + "\",\"countyCode\":\""
                    + registry.counties().get(0).code()
                    + "\"}"));
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- the expectation -----------------------------------------------------------------------

  private final Set<String> seenEventIds = new HashSet<>();
  private final Set<String> seenDistinct = new HashSet<>();

  private void expect(CampaignEvent e) {
    String county = e.countyCode();
    List<ExpectedScope> targets = scopesOf(county);
    if (!seenEventIds.add(e.eventId())) {
      targets.forEach(
          s -> {
            s.duplicates++;
            s.version++;
          });
      return;
    }
    long t = e.eventTime().toEpochMilli();
    boolean lastDay = CampaignCalendar.dayOf(e.eventTime()).equals(LAST_DAY);
    long[] d = new long[Kpi.values().length];
    long gross = 0;
    long refunded = 0;
    long livestream = 0;
    boolean counted = true;
    long[] fact = null; // salesFen, orders, exposure, reads, newViewers
    if (e instanceof ContentPublished c) {
      if (c.authorKind() == AuthorKind.TRAINEE) {
        counted = distinct(county, "post", c.contentId(), d, Kpi.POSTS);
      } else {
        counted = false;
      }
    } else if (e instanceof ContentExposure c) {
      long reads = c.authorKind() == AuthorKind.TRAINEE ? c.reads() : 0;
      d[Kpi.EXPOSURE.ordinal()] = c.impressions();
      d[Kpi.READS.ordinal()] = reads;
      fact = new long[] {0, 0, c.impressions(), reads, 0};
    } else if (e instanceof LiveStarted l) {
      counted = distinct(county, "live", l.sessionId(), d, Kpi.LIVESTREAMS);
      ExpectedSession s = session(l.sessionId());
      s.countyCode = county;
      s.startedAt = t;
      s.lastEventAt = Math.max(s.lastEventAt, t);
    } else if (e instanceof LiveStats l) {
      counted = false;
      fact = new long[] {0, 0, 0, 0, l.newViewers()};
      ExpectedSession s = session(l.sessionId());
      s.lastEventAt = Math.max(s.lastEventAt, t);
      if (t >= s.viewersAt) {
        s.viewersAt = t;
        s.viewersOnline = l.viewersOnline();
      }
      s.peakViewers = Math.max(s.peakViewers, l.viewersOnline());
      s.newViewers += l.newViewers();
      s.likes += l.likes();
    } else if (e instanceof LiveEnded l) {
      counted = false;
      ExpectedSession s = session(l.sessionId());
      s.lastEventAt = Math.max(s.lastEventAt, t);
      s.status = "ended";
      s.endedAt = t;
    } else if (e instanceof ShopOpened s) {
      counted = distinct(county, "shop", s.shopId(), d, Kpi.SHOPS);
    } else if (e instanceof ProductListed p) {
      counted = distinct(county, "product", p.productId(), d, Kpi.PRODUCTS);
    } else if (e instanceof OrderPaid o) {
      counted = distinct(county, "order", o.orderId(), d, Kpi.ORDERS);
      if (counted) {
        gross = o.amountFen();
        d[Kpi.SALES_FEN.ordinal()] = o.amountFen();
        livestream = o.channel() == SalesChannel.LIVESTREAM ? o.amountFen() : 0;
        fact = new long[] {o.amountFen(), 1, 0, 0, 0};
        if (o.sessionId() != null) {
          ExpectedSession s = session(o.sessionId());
          s.orders++;
          s.salesFen += o.amountFen();
        }
      }
    } else if (e instanceof OrderRefunded r) {
      refunded = r.amountFen();
      d[Kpi.SALES_FEN.ordinal()] = -r.amountFen();
      fact = new long[] {-r.amountFen(), 0, 0, 0, 0};
    } else if (e instanceof TrainingAttended) {
      d[Kpi.TRAINEES.ordinal()] = 1;
    } else if (e instanceof HouseholdBenefited h) {
      counted = distinct(county, "household", h.householdId(), d, Kpi.HOUSEHOLDS);
    }
    boolean duplicateOfDistinct = !counted && isDistinctKind(e) && !isBrandPost(e);
    for (ExpectedScope s : targets) {
      if (duplicateOfDistinct) {
        s.duplicates++;
        s.version++;
        continue;
      }
      for (int i = 0; i < d.length; i++) {
        s.kpis[i] += d[i];
        if (lastDay) {
          s.today[i] += d[i];
        }
      }
      s.gross += gross;
      s.refunded += refunded;
      s.livestream += livestream;
      if (counted) {
        s.version++;
      }
    }
    if (fact != null) {
      long minute = Math.floorDiv(t, MINUTE) * MINUTE;
      for (String scope : scopeNames(county)) {
        long[] b = buckets.computeIfAbsent(scope + "@" + minute, k -> new long[6]);
        b[0]++;
        for (int i = 0; i < 5; i++) {
          b[i + 1] += fact[i];
        }
      }
    }
  }

  private static boolean isDistinctKind(CampaignEvent e) {
    return e instanceof ContentPublished
        || e instanceof LiveStarted
        || e instanceof ShopOpened
        || e instanceof ProductListed
        || e instanceof OrderPaid
        || e instanceof HouseholdBenefited;
  }

  private static boolean isBrandPost(CampaignEvent e) {
    return e instanceof ContentPublished c && c.authorKind() != AuthorKind.TRAINEE;
  }

  private boolean distinct(String county, String kind, String id, long[] d, Kpi kpi) {
    if (!seenDistinct.add(county + "/" + kind + "/" + id)) {
      return false;
    }
    d[kpi.ordinal()] = 1;
    return true;
  }

  private ExpectedSession session(String id) {
    return sessions.computeIfAbsent(id, k -> new ExpectedSession());
  }

  private void finishSessions() {
    for (ExpectedSession s : sessions.values()) {
      if (s.status == null) {
        // Silent at the end of input: the end-of-input watermark times every open session out.
        s.status = "timed_out";
        s.endedAt = s.lastEventAt;
      }
    }
  }

  private List<String> scopeNames(String county) {
    return List.of(Scopes.county(county), registry.tierOf(county).scope(), Scopes.ALL);
  }

  private List<ExpectedScope> scopesOf(String county) {
    List<ExpectedScope> out = new ArrayList<>();
    for (String s : scopeNames(county)) {
      out.add(scopes.computeIfAbsent(s, k -> new ExpectedScope()));
    }
    return out;
  }

  /** Expected figures of a scope (zeros when no event touched it). */
  public ExpectedScope scope(String scope) {
    return scopes.getOrDefault(scope, new ExpectedScope());
  }
}
