package org.live110.simulator.gen;

import java.time.Instant;
import java.util.PriorityQueue;
import java.util.Random;
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

/**
 * The year's clean events in event-time order. Each planned thing (a content item, a livestream, an
 * order, a course...) is a task in one priority queue ordered by (time, scheduling sequence);
 * firing a task yields its next event and may schedule its next step (the next exposure report, the
 * next viewer count, a refund). The ordering and every random draw are deterministic for a seed.
 */
final class CleanStream {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  /** Livestream platforms report viewer counts every minute. */
  private static final long STATS_INTERVAL = MINUTE;

  /** Exposure report offsets after publication, in minutes; the last report takes the rest. */
  private static final long[] REPORT_MINUTES = {
    20, 60, 180, 360, 720, 1440, 2160, 2880, 4320, 7200, 10080, 14400, 20160, 30240, 43200
  };

  private final PriorityQueue<Task> queue = new PriorityQueue<>(1 << 16);
  private final Random rng;
  private final long endMillis;
  private final String eventIdPrefix;
  private long sequence;
  private long eventCounter;

  /**
   * @param randomSeed seeds the stream's own random draws
   * @param idSeed the run's seed, written into every event id so that two runs never share ids
   */
  CleanStream(long randomSeed, long idSeed, long endMillis) {
    this.rng = new Random(randomSeed);
    this.endMillis = endMillis;
    this.eventIdPrefix = "e" + Long.toString(idSeed, 36) + "-";
  }

  /** Adds a task; a task due at or after the end of the year is dropped. */
  boolean schedule(Task task, long time) {
    if (time >= endMillis) {
      return false;
    }
    task.time = time;
    task.seq = sequence++;
    queue.add(task);
    return true;
  }

  /** The next clean event, or null at the end of the year. */
  CampaignEvent next() {
    Task t;
    while ((t = queue.poll()) != null) {
      CampaignEvent e = t.fire(this);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  long endMillis() {
    return endMillis;
  }

  private String nextEventId() {
    return eventIdPrefix + Long.toString(eventCounter++, 36);
  }

  private Instant at(long millis) {
    return Instant.ofEpochMilli(millis);
  }

  /** A planned thing that emits events over time. */
  abstract static class Task implements Comparable<Task> {
    long time;
    long seq;

    /** Emits the event due now (or null) and schedules the next step, if any. */
    abstract CampaignEvent fire(CleanStream s);

    @Override
    public int compareTo(Task o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /** A content item: published, then exposure increments decaying after publication. */
  static final class ContentTask extends Task {
    final CountyPlan county;
    final AuthorKind kind;
    final String platform;
    final long traineeNo;
    final long impressions;
    final double readRatio;
    final double tauMinutes;
    long publishedAt;
    String contentId;
    int report = -1;
    long reportedImpressions;
    long reportedReads;

    ContentTask(
        CountyPlan county,
        AuthorKind kind,
        String platform,
        long traineeNo,
        long impressions,
        double readRatio,
        double tauMinutes) {
      this.county = county;
      this.kind = kind;
      this.platform = platform;
      this.traineeNo = traineeNo;
      this.impressions = impressions;
      this.readRatio = readRatio;
      this.tauMinutes = tauMinutes;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      long now = time; // rescheduling this task below moves its time
      if (report < 0) {
        publishedAt = now;
        contentId = county.id("c", county.nextContent++);
        report = 0;
        s.schedule(this, publishedAt + REPORT_MINUTES[0] * MINUTE);
        return new ContentPublished(
            s.nextEventId(),
            s.at(now),
            county.code,
            contentId,
            kind,
            platform,
            kind == AuthorKind.TRAINEE ? county.id("t", traineeNo) : null);
      }
      boolean last = report == REPORT_MINUTES.length - 1;
      long cumulative =
          last
              ? impressions
              : (long) (impressions * (1 - Math.exp(-REPORT_MINUTES[report] / tauMinutes)));
      long cumulativeReads = (long) (cumulative * readRatio);
      long deltaImpressions = Math.max(0, cumulative - reportedImpressions);
      long deltaReads = Math.max(0, cumulativeReads - reportedReads);
      reportedImpressions += deltaImpressions;
      reportedReads += deltaReads;
      if (!last) {
        report++;
        long jitter = (long) (REPORT_MINUTES[report] * MINUTE * 0.1 * s.rng.nextDouble());
        s.schedule(this, publishedAt + REPORT_MINUTES[report] * MINUTE + jitter);
      }
      if (deltaImpressions == 0 && deltaReads == 0) {
        return null; // platforms do not report an interval without change
      }
      return new ContentExposure(
          s.nextEventId(),
          s.at(now),
          county.code,
          contentId,
          kind,
          platform,
          deltaImpressions,
          deltaReads);
    }
  }

  /** A livestream: started, viewer counts every few minutes, ended. */
  static final class SessionTask extends Task {
    final CountyPlan county;
    final String hostId;
    final String platform;
    final String title;
    final long durationMillis;
    final long peakViewers;
    final boolean sendsEnd;
    final String sessionId;
    long startedAt = -1;

    SessionTask(
        CountyPlan county,
        String sessionId,
        String hostId,
        String platform,
        String title,
        long durationMillis,
        long peakViewers,
        boolean sendsEnd) {
      this.county = county;
      this.sessionId = sessionId;
      this.hostId = hostId;
      this.platform = platform;
      this.title = title;
      this.durationMillis = durationMillis;
      this.peakViewers = peakViewers;
      this.sendsEnd = sendsEnd;
    }

    /** Viewer curve: a quick rise, a plateau, a fall in the last fifth. */
    static double shape(double x) {
      if (x < 0.15) {
        return 0.1 + 0.9 * x / 0.15;
      }
      if (x < 0.8) {
        return 1.0 - 0.15 * (x - 0.15);
      }
      return Math.max(0.05, 0.9 * (1 - (x - 0.8) / 0.2));
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      long now = time; // rescheduling this task below moves its time
      if (startedAt < 0) {
        startedAt = now;
        s.schedule(this, now + STATS_INTERVAL - (long) (s.rng.nextDouble() * 10_000));
        return new LiveStarted(
            s.nextEventId(), s.at(now), county.code, sessionId, hostId, platform, title);
      }
      long elapsed = now - startedAt;
      if (elapsed >= durationMillis) {
        return sendsEnd ? new LiveEnded(s.nextEventId(), s.at(now), county.code, sessionId) : null;
      }
      double x = (double) elapsed / durationMillis;
      double noise = 0.85 + 0.3 * s.rng.nextDouble();
      long viewers = Math.round(peakViewers * shape(x) * noise);
      // A viewer stays about eight minutes: new viewers per interval ≈ viewers × interval / 8 min.
      long newViewers =
          Math.round(
              viewers * (STATS_INTERVAL / (8.0 * MINUTE)) * (0.8 + 0.4 * s.rng.nextDouble()));
      long likes = Math.round(viewers * (0.2 + 0.8 * s.rng.nextDouble()));
      long next = now + STATS_INTERVAL + (long) (s.rng.nextDouble() * 4_000) - 2_000;
      s.schedule(this, Math.min(next, startedAt + durationMillis));
      return new LiveStats(
          s.nextEventId(), s.at(now), county.code, sessionId, viewers, newViewers, likes);
    }
  }

  /** An order: paid; a few percent are later refunded, in full or in part. */
  static final class OrderTask extends Task {
    final CountyPlan county;
    final int product;
    final long quantity;
    final SalesChannel channel;
    final String sessionId;

    OrderTask(
        CountyPlan county, int product, long quantity, SalesChannel channel, String sessionId) {
      this.county = county;
      this.product = product;
      this.quantity = quantity;
      this.channel = channel;
      this.sessionId = sessionId;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      String orderId = county.id("o", county.nextOrder++);
      long amount = county.productPriceFen[product] * quantity;
      if (s.rng.nextDouble() < 0.03) {
        long refundAt = time + 2 * HOUR + (long) (s.rng.nextDouble() * 12 * DAY);
        if (s.rng.nextDouble() < 0.75) {
          s.schedule(new RefundTask(county, orderId, amount), refundAt);
        } else {
          long part = Math.max(1, (long) (amount * (0.3 + 0.4 * s.rng.nextDouble())));
          s.schedule(new RefundTask(county, orderId, part), refundAt);
          if (s.rng.nextDouble() < 0.5 && part < amount) {
            // The rest refunded later in a second event: an order may be refunded in parts.
            s.schedule(
                new RefundTask(county, orderId, amount - part),
                refundAt + (long) (s.rng.nextDouble() * 3 * DAY));
          }
        }
      }
      return new OrderPaid(
          s.nextEventId(),
          s.at(time),
          county.code,
          orderId,
          county.id("sh", county.productShop[product]),
          county.id("p", product),
          quantity,
          amount,
          channel,
          sessionId);
    }
  }

  /** One refund of (part of) an order. */
  static final class RefundTask extends Task {
    final CountyPlan county;
    final String orderId;
    final long amountFen;

    RefundTask(CountyPlan county, String orderId, long amountFen) {
      this.county = county;
      this.orderId = orderId;
      this.amountFen = amountFen;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      return new OrderRefunded(s.nextEventId(), s.at(time), county.code, orderId, amountFen);
    }
  }

  /** A shop opening. */
  static final class ShopTask extends Task {
    final CountyPlan county;
    final int shop;

    ShopTask(CountyPlan county, int shop) {
      this.county = county;
      this.shop = shop;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      return new ShopOpened(
          s.nextEventId(),
          s.at(time),
          county.code,
          county.id("sh", shop),
          Names.enterprise(county.shortName, county.product, shop),
          Names.SHOP_PLATFORMS.get(shop % Names.SHOP_PLATFORMS.size()));
    }
  }

  /** A product (or spec) listed in a shop. */
  static final class ProductTask extends Task {
    final CountyPlan county;
    final int product;

    ProductTask(CountyPlan county, int product) {
      this.county = county;
      this.product = product;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      return new ProductListed(
          s.nextEventId(),
          s.at(time),
          county.code,
          county.id("p", product),
          county.id("sh", county.productShop[product]),
          Names.productName(county.shortName, county.product, product),
          county.productPriceFen[product]);
    }
  }

  /** A training course: its attendees sign in one after another. */
  static final class CourseTask extends Task {
    final CountyPlan county;
    final TrainingMode mode;
    final int[] attendees;
    String courseId;
    int next;

    CourseTask(CountyPlan county, TrainingMode mode, int[] attendees) {
      this.county = county;
      this.mode = mode;
      this.attendees = attendees;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      long now = time; // rescheduling this task below moves its time
      if (courseId == null) {
        courseId = county.id("k", county.nextCourse++);
      }
      int trainee = attendees[next++];
      if (next < attendees.length) {
        s.schedule(this, now + 5_000 + (long) (s.rng.nextDouble() * 40_000));
      }
      return new TrainingAttended(
          s.nextEventId(), s.at(now), county.code, county.id("t", trainee), courseId, mode);
    }
  }

  /** A poor household reported as benefiting (a household may be reported more than once). */
  static final class HouseholdTask extends Task {
    final CountyPlan county;
    final int household;

    HouseholdTask(CountyPlan county, int household) {
      this.county = county;
      this.household = household;
    }

    @Override
    CampaignEvent fire(CleanStream s) {
      return new HouseholdBenefited(
          s.nextEventId(), s.at(time), county.code, county.id("hh", household));
    }
  }
}
