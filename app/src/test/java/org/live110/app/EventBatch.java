package org.live110.app;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentExposure;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.SalesChannel;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;

/**
 * Seeded contract events for the whole-system tests, with the totals they must produce: paid orders
 * (distinct ids, some paid twice under a new event id and some sent twice as exact duplicates, as
 * at-least-once producers do) and exposure increments (additive, so they also need the job's
 * event-id de-duplication), spread over every county of the bundled registry.
 */
public final class EventBatch {

  /** One record to produce: topic, key (county code) and contract JSON. */
  public record Record(String topic, String key, byte[] value) {}

  private static final Instant START = Instant.parse("2019-03-01T02:00:00Z");

  private final List<Record> records = new ArrayList<>();
  private final Map<String, Map<String, Long>> expected = new HashMap<>();

  /**
   * {@code count} events starting at event number {@code from} (batches with different {@code from}
   * never share ids), in event-time order one minute apart.
   */
  public static EventBatch generate(long seed, int from, int count, Topics topics) {
    EventBatch batch = new EventBatch();
    List<County> counties = CountyRegistry.sample().counties();
    Random random = new Random(seed * 31 + from);
    for (int i = from; i < from + count; i++) {
      County county = counties.get(random.nextInt(counties.size()));
      Instant time = START.plus(Duration.ofMinutes(i));
      CampaignEvent event;
      if (random.nextBoolean()) {
        long amount = 100 + random.nextInt(50_000);
        event =
            new OrderPaid(
                "ord-ev-" + i,
                time,
                county.code(),
                "order-" + i,
                "shop-" + (i % 7),
                "product-" + (i % 13),
                1,
                amount,
                SalesChannel.STORE,
                null);
        batch.add(county.code(), Kpi.ORDERS, 1);
        batch.add(county.code(), Kpi.SALES_FEN, amount);
        if (random.nextInt(20) == 0) {
          // the same order paid again under a new event id: still one order
          batch.send(
              topics.orders(), county.code(), withEventId((OrderPaid) event, "ord-ev-again-" + i));
        }
      } else {
        long impressions = 1 + random.nextInt(5_000);
        event =
            new ContentExposure(
                "exp-ev-" + i,
                time,
                county.code(),
                "content-" + (i % 50),
                AuthorKind.BRAND,
                "douyin",
                impressions,
                0);
        batch.add(county.code(), Kpi.EXPOSURE, impressions);
      }
      String topic = topics.inputFor(event.type());
      batch.send(topic, county.code(), event);
      if (random.nextInt(25) == 0) {
        batch.send(topic, county.code(), event); // exact duplicate
      }
    }
    return batch;
  }

  private static OrderPaid withEventId(OrderPaid o, String eventId) {
    return new OrderPaid(
        eventId,
        o.eventTime().plusSeconds(1),
        o.countyCode(),
        o.orderId(),
        o.shopId(),
        o.productId(),
        o.quantity(),
        o.amountFen(),
        o.channel(),
        o.sessionId());
  }

  private void send(String topic, String key, CampaignEvent event) {
    records.add(new Record(topic, key, EventWriter.toJson(event)));
  }

  private void add(String countyCode, Kpi kpi, long value) {
    expected
        .computeIfAbsent(Scopes.county(countyCode), k -> new HashMap<>())
        .merge(kpi.key(), value, Long::sum);
    expected.computeIfAbsent(Scopes.ALL, k -> new HashMap<>()).merge(kpi.key(), value, Long::sum);
  }

  public List<Record> records() {
    return records;
  }

  /** Expected totals by scope ({@code all} and each county touched) and KPI key. */
  public Map<String, Map<String, Long>> expected() {
    return expected;
  }

  /** The expected totals of several batches together. */
  public static Map<String, Map<String, Long>> combined(List<EventBatch> batches) {
    Map<String, Map<String, Long>> sum = new HashMap<>();
    for (EventBatch batch : batches) {
      batch.expected.forEach(
          (scope, totals) ->
              totals.forEach(
                  (kpi, v) ->
                      sum.computeIfAbsent(scope, k -> new HashMap<>()).merge(kpi, v, Long::sum)));
    }
    return sum;
  }
}
