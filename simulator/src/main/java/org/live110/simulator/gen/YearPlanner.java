package org.live110.simulator.gen;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.TrainingMode;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.County;
import org.live110.simulator.Scenario;
import org.live110.simulator.SimulationOptions;

/**
 * Plans the whole year top-down: each tier's outcome for each KPI (the plan's target × the
 * scenario's attainment × the scale), split over counties by their size, then turned into the
 * things that produce events — content items, livestreams, orders, shops and products, courses,
 * households — which it schedules on the {@link CleanStream}. Amounts are normalized within a
 * county so that its totals land on its share in expectation.
 */
final class YearPlanner {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** Livestreams in the plan-sized year. */
  private static final double SESSIONS = 14_000;

  /** Share of the gross sales sold in livestreams. */
  private static final double LIVE_SHARE = 0.45;

  /** Expected refunded share of gross sales (3% of orders, mostly in full). */
  private static final double REFUND_SHARE = 0.03 * (0.75 + 0.25 * 0.5 + 0.25 * 0.5 * 0.5);

  /** Expected quantity per order (1: 60%, 2: 28%, 3: 12%). */
  private static final double MEAN_QUANTITY = 1.52;

  private final SimulationOptions options;
  private final Random rng;
  private final CleanStream stream;
  private final LocalDate firstDay;
  private final int days;
  private final long[] dayStart;

  private YearPlanner(SimulationOptions options, CleanStream stream) {
    this.options = options;
    this.rng = new Random(options.seed() * 0x9E3779B97F4A7C15L + 1);
    this.stream = stream;
    CampaignCalendar cal = options.calendar();
    this.firstDay = LocalDate.of(cal.year(), 1, 1);
    this.days = firstDay.lengthOfYear();
    this.dayStart = new long[days + 1];
    for (int d = 0; d <= days; d++) {
      dayStart[d] =
          firstDay.plusDays(d).atStartOfDay(CampaignCalendar.ZONE).toInstant().toEpochMilli();
    }
  }

  /** Plans the year described by the options onto a new clean stream. */
  static CleanStream plan(SimulationOptions options) {
    CleanStream stream =
        new CleanStream(
            options.seed() * 0xC2B2AE3D27D4EB4FL + 2,
            options.seed(),
            options.calendar().end().toEpochMilli());
    new YearPlanner(options, stream).planAll();
    return stream;
  }

  private void planAll() {
    List<CountyPlan> counties = counties();
    double s = options.scale();
    Scenario sc = options.scenario();
    TargetBook targets = TargetBook.plan(options.registry());
    List<CountyPlan> core = ofTier(counties, Tier.CORE);
    List<CountyPlan> rad = ofTier(counties, Tier.RADIATING);

    // Shops and products first: orders need a catalogue.
    long[] radShops =
        apportion(
            target(targets, Tier.RADIATING.scope(), Kpi.SHOPS, 200) * sc.radiatingShops() * s,
            rad,
            1);
    long[] radProducts =
        apportion(
            target(targets, Tier.RADIATING.scope(), Kpi.PRODUCTS, 1000)
                * sc.radiatingProducts()
                * s,
            rad,
            1);
    long[] coreShops = apportion(8.0 * core.size() * s, core, 1);
    long[] coreProducts = apportion(45.0 * core.size() * s, core, 1);
    for (int i = 0; i < rad.size(); i++) {
      planCatalogue(rad.get(i), (int) radShops[i], (int) Math.max(radShops[i], radProducts[i]));
    }
    for (int i = 0; i < core.size(); i++) {
      planCatalogue(core.get(i), (int) coreShops[i], (int) Math.max(coreShops[i], coreProducts[i]));
    }

    long[] trainees =
        apportion(target(targets, Scopes.ALL, Kpi.TRAINEES, 7000) * sc.trainees() * s, counties, 1);
    long[] posts =
        apportion(target(targets, Scopes.ALL, Kpi.POSTS, 60_000) * sc.posts() * s, counties, 1);
    long[] reads =
        apportion(target(targets, Scopes.ALL, Kpi.READS, 60_000_000) * sc.reads() * s, counties, 0);
    long[] households =
        apportion(
            target(targets, Scopes.ALL, Kpi.HOUSEHOLDS, 20_000) * sc.households() * s, counties, 1);
    long[] sessions = apportion(SESSIONS * s, counties, 1);
    long[] coreExposure =
        apportion(
            target(targets, Tier.CORE.scope(), Kpi.EXPOSURE, 1_000_000_000L)
                * sc.coreExposure()
                * s,
            core,
            0);
    long[] coreSales =
        apportion(
            target(targets, Tier.CORE.scope(), Kpi.SALES_FEN, 1_000_000_000L) * sc.coreSales() * s,
            core,
            0);
    long[] radSales =
        apportion(
            target(targets, Tier.RADIATING.scope(), Kpi.SALES_FEN, 500_000_000L)
                * sc.radiatingSales()
                * s,
            rad,
            0);

    for (int i = 0; i < counties.size(); i++) {
      CountyPlan c = counties.get(i);
      c.traineePool = (int) Math.max(1, Math.ceil(trainees[i] / 1.35));
      Long exposure = c.core() ? coreExposure[core.indexOf(c)] : null;
      planContent(c, (int) posts[i], reads[i], exposure);
      long netSales = c.core() ? coreSales[core.indexOf(c)] : radSales[rad.indexOf(c)];
      List<CleanStream.SessionTask> planned = planSessions(c, (int) sessions[i]);
      planOrders(c, netSales / (1 - REFUND_SHARE), planned);
      planTraining(c, (int) trainees[i]);
      planHouseholds(c, (int) households[i]);
    }
  }

  private static double target(TargetBook book, String scope, Kpi kpi, long fallback) {
    Long t = book.target(scope, kpi);
    return t == null ? fallback : t;
  }

  private List<CountyPlan> counties() {
    List<County> all = options.registry().counties();
    double[] weights = new double[all.size()];
    for (int i = 0; i < all.size(); i++) {
      weights[i] =
          all.get(i).tier() == Tier.CORE
              ? 6 + 4 * rng.nextDouble()
              : Math.min(3.5, Math.max(0.25, Math.exp(0.55 * rng.nextGaussian())));
    }
    // Lagging counties: one core county (when any lag) and the rest radiating, chosen at random.
    boolean[] lagging = new boolean[all.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, rng);
    int toLag = Math.min(options.scenario().laggingCounties(), all.size());
    boolean coreLags = false;
    for (int i : order) {
      if (toLag == 0) {
        break;
      }
      boolean isCore = all.get(i).tier() == Tier.CORE;
      if (isCore && coreLags) {
        continue;
      }
      coreLags |= isCore;
      lagging[i] = true;
      toLag--;
    }
    List<CountyPlan> plans = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Names.Product product = Names.PRODUCTS.get(rng.nextInt(Names.PRODUCTS.size()));
      plans.add(
          new CountyPlan(
              all.get(i),
              lagging[i] ? weights[i] * 0.45 : weights[i],
              lagging[i],
              70 + rng.nextInt(80),
              product));
    }
    return plans;
  }

  private static List<CountyPlan> ofTier(List<CountyPlan> all, Tier tier) {
    return all.stream().filter(c -> c.county.tier() == tier).toList();
  }

  /** Splits a total over counties by weight (largest remainder), each getting at least min. */
  static long[] apportion(double total, List<CountyPlan> counties, long min) {
    long[] out = new long[counties.size()];
    if (counties.isEmpty()) {
      return out;
    }
    double weightSum = 0;
    for (CountyPlan c : counties) {
      weightSum += c.weight;
    }
    long whole = Math.round(total);
    long assigned = 0;
    double[] remainder = new double[out.length];
    for (int i = 0; i < out.length; i++) {
      double exact = whole * counties.get(i).weight / weightSum;
      out[i] = (long) Math.floor(exact);
      remainder[i] = exact - out[i];
      assigned += out[i];
    }
    Integer[] idx = new Integer[out.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(
        idx, Comparator.comparingDouble((Integer i) -> -remainder[i]).thenComparing(i -> i));
    for (int k = 0; assigned < whole && k < idx.length; k++, assigned++) {
      out[idx[k]]++;
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.max(out[i], min);
    }
    return out;
  }

  private long timeOn(Rhythm.Activity a, double[] cdf) {
    int day = Rhythm.sample(cdf, rng);
    return dayStart[day] + Rhythm.sampleTimeOfDay(a, firstDay.plusDays(day), rng);
  }

  private double[] cdf(Rhythm.Activity a, CountyPlan c) {
    return Rhythm.dayCdf(a, firstDay, days, c);
  }

  private double logNormal(double sigma) {
    return Math.exp(sigma * rng.nextGaussian());
  }

  private void planCatalogue(CountyPlan c, int shops, int products) {
    double[] shopCdf = cdf(Rhythm.Activity.SHOPS, c);
    long[] shopOpen = new long[shops];
    for (int i = 0; i < shops; i++) {
      // Every county opens its first shop in the first week, so that it has something to sell.
      shopOpen[i] =
          i == 0
              ? dayStart[rng.nextInt(7)]
                  + Rhythm.sampleTimeOfDay(Rhythm.Activity.SHOPS, firstDay, rng)
              : timeOn(Rhythm.Activity.SHOPS, shopCdf);
    }
    Arrays.sort(shopOpen);
    for (int i = 0; i < shops; i++) {
      stream.schedule(new CleanStream.ShopTask(c, i), shopOpen[i]);
    }
    long last = dayStart[days] - HOUR;
    long[][] listing = new long[products][];
    for (int j = 0; j < products; j++) {
      int shop = j < shops ? j : rng.nextInt(shops);
      long delay =
          j < shops
              ? HOUR / 2 + (long) (rng.nextDouble() * 30 * HOUR)
              : (long) (-Math.log(1 - rng.nextDouble()) * 15 * DAY);
      long at = Math.min(shopOpen[shop] + delay, last - (long) (rng.nextDouble() * 20 * DAY));
      at = Math.max(at, shopOpen[shop] + MINUTE);
      Names.Product p = c.product;
      long priceCny = p.minPriceCny() + rng.nextInt(p.maxPriceCny() - p.minPriceCny() + 1);
      long priceFen = priceCny * 100 - (rng.nextBoolean() ? 10 : 0); // 39.90 rather than 40.00
      listing[j] = new long[] {at, priceFen, shop};
    }
    Arrays.sort(listing, Comparator.comparingLong((long[] l) -> l[0]));
    c.productListedAt = new long[products];
    c.productPriceFen = new long[products];
    c.productShop = new int[products];
    for (int j = 0; j < products; j++) {
      c.productListedAt[j] = listing[j][0];
      c.productPriceFen[j] = listing[j][1];
      c.productShop[j] = (int) listing[j][2];
      stream.schedule(new CleanStream.ProductTask(c, j), listing[j][0]);
    }
  }

  private void planContent(CountyPlan c, int traineePosts, long readBudget, Long coreExposure) {
    double[] cdf = cdf(Rhythm.Activity.CONTENT, c);
    int brand = (int) Math.round(traineePosts * 0.12) + 1;
    int media = (int) Math.round(traineePosts * 0.05) + 1;
    int n = traineePosts + brand + media;
    double[] weight = new double[n];
    double[] readRatio = new double[n];
    double traineeReadMass = 0;
    double otherMass = 0;
    for (int i = 0; i < n; i++) {
      boolean trainee = i < traineePosts;
      weight[i] = logNormal(1.1) * (i >= traineePosts && i < traineePosts + brand ? 2 : 1);
      readRatio[i] = trainee ? 0.05 + 0.06 * rng.nextDouble() : 0.01 + 0.03 * rng.nextDouble();
      if (trainee) {
        traineeReadMass += weight[i] * readRatio[i];
      } else {
        otherMass += weight[i];
      }
    }
    // Trainee items carry the reads budget; brand and media items carry the rest of the exposure.
    double traineeImpressions = 0;
    long[] impressions = new long[n];
    for (int i = 0; i < traineePosts; i++) {
      impressions[i] = Math.round(readBudget * weight[i] / traineeReadMass);
      traineeImpressions += impressions[i];
    }
    double others =
        coreExposure != null
            ? Math.max(coreExposure - traineeImpressions, 0.15 * coreExposure)
            : 0.6 * traineeImpressions;
    for (int i = traineePosts; i < n; i++) {
      impressions[i] = Math.round(others * weight[i] / otherMass);
    }
    for (int i = 0; i < n; i++) {
      AuthorKind kind =
          i < traineePosts
              ? AuthorKind.TRAINEE
              : i < traineePosts + brand ? AuthorKind.BRAND : AuthorKind.MEDIA;
      CleanStream.ContentTask task =
          new CleanStream.ContentTask(
              c,
              kind,
              Names.pick(Names.CONTENT_PLATFORMS, rng),
              rng.nextInt(c.traineePool),
              impressions[i],
              readRatio[i],
              (0.8 + 1.7 * rng.nextDouble()) * 24 * 60);
      stream.schedule(task, timeOn(Rhythm.Activity.CONTENT, cdf));
    }
  }

  private List<CleanStream.SessionTask> planSessions(CountyPlan c, int count) {
    double[] cdf = cdf(Rhythm.Activity.LIVE, c);
    long[] starts = new long[count];
    for (int i = 0; i < count; i++) {
      starts[i] = timeOn(Rhythm.Activity.LIVE, cdf);
    }
    Arrays.sort(starts);
    List<CleanStream.SessionTask> sessions = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long minutes = 40 + Math.min(200, Math.round(-Math.log(1 - rng.nextDouble()) * 60));
      long peak = Math.max(5, Math.round(200 * logNormal(0.9) * (c.core() ? 2.5 : 1)));
      String host =
          rng.nextDouble() < 0.7
              ? c.id("t", rng.nextInt(Math.min(c.traineePool, 40)))
              : c.id("b", rng.nextInt(3));
      CleanStream.SessionTask t =
          new CleanStream.SessionTask(
              c,
              c.id("ls", c.nextSession++),
              host,
              Names.pick(Names.LIVE_PLATFORMS, rng),
              Names.liveTitle(c.shortName, c.product, rng),
              minutes * MINUTE,
              peak,
              rng.nextDouble() >= 0.015);
      if (stream.schedule(t, starts[i])) {
        sessions.add(t);
      }
    }
    return sessions;
  }

  private void planOrders(CountyPlan c, double grossSales, List<CleanStream.SessionTask> sessions) {
    double orderValue = c.averagePriceFen() * MEAN_QUANTITY;
    double liveSales = sessions.isEmpty() ? 0 : grossSales * LIVE_SHARE;
    long liveOrders = stochasticRound(liveSales / orderValue);
    // At least one order everywhere: every county of the campaign sells something.
    long otherOrders = Math.max(1, stochasticRound((grossSales - liveSales) / orderValue));
    if (!sessions.isEmpty()) {
      double[] sessionCdf = new double[sessions.size()];
      double sum = 0;
      for (int i = 0; i < sessions.size(); i++) {
        CleanStream.SessionTask t = sessions.get(i);
        sum += t.peakViewers * (double) t.durationMillis;
        sessionCdf[i] = sum;
      }
      for (int i = 0; i < sessionCdf.length; i++) {
        sessionCdf[i] /= sum;
      }
      for (long k = 0; k < liveOrders; k++) {
        CleanStream.SessionTask t = sessions.get(Rhythm.sample(sessionCdf, rng));
        double x;
        do {
          x = rng.nextDouble();
        } while (rng.nextDouble() > CleanStream.SessionTask.shape(x));
        long at = t.time + (long) (x * t.durationMillis);
        scheduleOrder(c, at, SalesChannel.LIVESTREAM, t.sessionId);
      }
    }
    double[] cdf = cdf(Rhythm.Activity.ORDERS, c);
    for (long k = 0; k < otherOrders; k++) {
      long at = timeOn(Rhythm.Activity.ORDERS, cdf);
      scheduleOrder(
          c, at, rng.nextDouble() < 0.55 ? SalesChannel.SHORT_VIDEO : SalesChannel.STORE, null);
    }
  }

  private void scheduleOrder(CountyPlan c, long at, SalesChannel channel, String sessionId) {
    int listed = c.listedBy(at);
    if (listed == 0) {
      // Nothing on sale yet: the order comes once the first product is listed.
      at = c.productListedAt[0] + MINUTE + (long) (rng.nextDouble() * 6 * HOUR);
      listed = c.listedBy(at);
    }
    int product = rng.nextInt(listed);
    double q = rng.nextDouble();
    long quantity = q < 0.6 ? 1 : q < 0.88 ? 2 : 3;
    stream.schedule(new CleanStream.OrderTask(c, product, quantity, channel, sessionId), at);
  }

  private long stochasticRound(double x) {
    long floor = (long) Math.floor(x);
    return floor + (rng.nextDouble() < x - floor ? 1 : 0);
  }

  private void planTraining(CountyPlan c, int personTimes) {
    double[] cdf = cdf(Rhythm.Activity.TRAINING, c);
    int[] pool = new int[c.traineePool];
    for (int i = 0; i < pool.length; i++) {
      pool[i] = i;
    }
    int remaining = personTimes;
    while (remaining > 0) {
      boolean online = rng.nextDouble() < 0.4;
      int size = online ? 30 + rng.nextInt(91) : 15 + rng.nextInt(36);
      size = Math.min(Math.min(size, remaining), pool.length);
      // A partial shuffle picks distinct attendees; across courses people come back.
      for (int i = 0; i < size; i++) {
        int j = i + rng.nextInt(pool.length - i);
        int tmp = pool[i];
        pool[i] = pool[j];
        pool[j] = tmp;
      }
      int[] attendees = Arrays.copyOf(pool, size);
      int day = Rhythm.sample(cdf, rng);
      long startOfDay =
          online ? 19 * HOUR + 30 * MINUTE : (rng.nextBoolean() ? 9 * HOUR : 14 * HOUR);
      long at = dayStart[day] + startOfDay - 10 * MINUTE + (long) (rng.nextDouble() * 10 * MINUTE);
      stream.schedule(
          new CleanStream.CourseTask(
              c, online ? TrainingMode.ONLINE : TrainingMode.OFFLINE, attendees),
          at);
      remaining -= size;
    }
  }

  private void planHouseholds(CountyPlan c, int households) {
    double[] cdf = cdf(Rhythm.Activity.HOUSEHOLDS, c);
    for (int h = 0; h < households; h++) {
      stream.schedule(new CleanStream.HouseholdTask(c, h), timeOn(Rhythm.Activity.HOUSEHOLDS, cdf));
    }
    // Some households are reported again later (another sale, another programme).
    long repeats = stochasticRound(households * 0.15);
    for (long k = 0; k < repeats; k++) {
      stream.schedule(
          new CleanStream.HouseholdTask(c, rng.nextInt(households)),
          timeOn(Rhythm.Activity.HOUSEHOLDS, cdf));
    }
  }
}
