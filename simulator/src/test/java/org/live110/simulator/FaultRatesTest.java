package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.OrderPaid;

/**
 * Each fault appears in the produced records at its configured rate ±1 percentage point, measured
 * from the records alone (no generator intent): 100,000 events with 5% rates put ±1% at more than
 * three standard deviations even for the rarest base (orders).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultRatesTest {
  private static final FaultRates RATES = new FaultRates(0.05, 0.05, 0.04, 0.03, 0.05, 70_000);
  private static final SimulationOptions OPTIONS =
      SimulationOptions.defaults(11, Years.REGISTRY).withEvents(100_000).withFaults(RATES);
  private static final long HOUR = 3_600_000L;

  private long validFirst;
  private long sameIdOtherEvent;
  private long exactDuplicates;
  private long badRecords;
  private long late;
  private long outOfOrder;
  private long orders;
  private long ordersPaidTwice;

  @BeforeAll
  void measure() throws Exception {
    EventParser parser = new EventParser(Years.REGISTRY, OPTIONS.calendar());
    ObjectMapper json = new ObjectMapper();
    Map<String, byte[]> firstBytes = new HashMap<>();
    Map<String, Set<String>> paymentsByOrder = new HashMap<>();
    long runningMax = Long.MIN_VALUE;
    List<SimRecord> records = Years.records(OPTIONS);
    for (SimRecord r : records) {
      ParseResult result = parser.parse(r.value());
      if (result instanceof ParseResult.Rejected) {
        badRecords++;
        continue;
      }
      CampaignEvent e = ((ParseResult.Accepted) result).event();
      byte[] earlier = firstBytes.putIfAbsent(e.eventId(), r.value());
      long t = e.eventTime().toEpochMilli();
      if (earlier != null) {
        if (java.util.Arrays.equals(earlier, r.value())) {
          exactDuplicates++;
        } else {
          sameIdOtherEvent++;
        }
        continue;
      }
      validFirst++;
      if (t < runningMax - HOUR) {
        late++;
      } else if (t < runningMax) {
        outOfOrder++;
      }
      runningMax = Math.max(runningMax, t);
      if (e instanceof OrderPaid o) {
        paymentsByOrder
            .computeIfAbsent(o.countyCode() + o.orderId(), k -> new HashSet<>())
            .add(o.eventId());
      }
    }
    assertThat(json).isNotNull();
    orders = paymentsByOrder.size();
    ordersPaidTwice = paymentsByOrder.values().stream().filter(s -> s.size() > 1).count();
  }

  /** Clean events: valid first occurrences minus the extra payments of orders paid twice. */
  private double cleanEvents() {
    return validFirst - ordersPaidTwice;
  }

  @Test
  void anEventIdIsNeverReusedForADifferentEvent() {
    assertThat(sameIdOtherEvent).isZero();
  }

  @Test
  void exactDuplicatesAppearAtTheirRate() {
    assertThat(exactDuplicates / cleanEvents()).isCloseTo(RATES.duplicate(), within(0.01));
  }

  @Test
  void ordersPaidTwiceUnderNewEventIdsAppearAtTheirRate() {
    assertThat(orders).isGreaterThan(5_000);
    assertThat((double) ordersPaidTwice / orders).isCloseTo(RATES.paidTwice(), within(0.01));
  }

  @Test
  void hoursLateEventsAppearAtTheirRate() {
    assertThat(late / cleanEvents()).isCloseTo(RATES.late(), within(0.01));
  }

  @Test
  void outOfOrderEventsAppearAtTheirRate() {
    assertThat(outOfOrder / cleanEvents()).isCloseTo(RATES.outOfOrder(), within(0.01));
  }

  @Test
  void badRecordsAppearAtTheirRate() {
    assertThat(badRecords / cleanEvents()).isCloseTo(RATES.bad(), within(0.01));
  }

  @Test
  void noFaultsMeansEveryRecordIsAValidUniqueEventInOrder() {
    EventParser parser = new EventParser(Years.REGISTRY, Years.SMALL.calendar());
    Set<String> ids = new HashSet<>();
    long last = Long.MIN_VALUE;
    for (SimRecord r : Years.records(Years.SMALL.withFaults(FaultRates.NONE))) {
      ParseResult p = parser.parse(r.value());
      assertThat(p).isInstanceOf(ParseResult.Accepted.class);
      CampaignEvent e = ((ParseResult.Accepted) p).event();
      assertThat(ids.add(e.eventId())).isTrue();
      assertThat(e.eventTime().toEpochMilli()).isGreaterThanOrEqualTo(last);
      last = e.eventTime().toEpochMilli();
    }
  }

  @Test
  void duplicatesArriveWithinHoursOfTheirOriginal() {
    // The job keeps event ids for days on the event-time clock: a duplicate must come soon.
    Map<String, Long> firstArrival = new HashMap<>();
    long worst = 0;
    for (SimRecord r : Years.records(Years.SMALL.withFaults(RATES))) {
      if (r.fault() == Fault.BAD) {
        continue;
      }
      String id = eventId(r.value());
      Long first = firstArrival.putIfAbsent(id, r.pacingMillis());
      if (first != null) {
        worst = Math.max(worst, r.pacingMillis() - first);
      }
    }
    assertThat(worst).isPositive().isLessThanOrEqualTo(2 * HOUR);
  }

  private static String eventId(byte[] json) {
    try {
      JsonNode n = new ObjectMapper().readTree(json);
      return n.get("eventId").asText();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
