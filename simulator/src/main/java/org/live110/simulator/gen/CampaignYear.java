package org.live110.simulator.gen;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.codec.RejectReason;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.OrderPaid;
import org.live110.simulator.Fault;
import org.live110.simulator.FaultRates;
import org.live110.simulator.Routing;
import org.live110.simulator.SimRecord;
import org.live110.simulator.SimulationOptions;

/**
 * A simulated campaign year as a pure, seeded iterator of records in order of arrival: the clean
 * events of the planned year (event-time order) with faults injected on the way out — exact
 * duplicates, orders paid twice under new event ids, out-of-order and hours-late deliveries, and
 * bad records of every reject reason. No I/O, no clock: the same options give the same records.
 *
 * <p>Exact duplicates arrive at most 90 campaign minutes after their original, and late events at
 * most 8 hours after their event time: the stream job keeps event ids for a bounded retention on
 * the event-time clock (days), and a duplicate must fall inside it to be recognised.
 *
 * <p>Fault draws use their own random stream, so the clean events of a seed are the same whatever
 * the fault rates.
 */
public final class CampaignYear implements Iterator<SimRecord> {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;

  private final CleanStream clean;
  private final FaultRates faults;
  private final Topics topics;
  private final BadRecords bad;
  private final Random rng;
  private final PriorityQueue<Pending> out = new PriorityQueue<>();
  private CampaignEvent lookahead;
  private long sequence;
  private SimRecord next;

  private long cleanEvents;
  private final Map<Fault, Long> byFault = new EnumMap<>(Fault.class);
  private final Map<RejectReason, Long> badByReason = new EnumMap<>(RejectReason.class);

  public CampaignYear(SimulationOptions options) {
    this.clean = YearPlanner.plan(options);
    this.faults = options.faults();
    this.topics = options.topics();
    this.bad = new BadRecords(options.registry(), options.faults().tooLargeBytes(), options.year());
    this.rng = new Random(options.seed() * 0x165667B19E3779F9L + 3);
    for (Fault f : Fault.values()) {
      byFault.put(f, 0L);
    }
    for (RejectReason r : RejectReason.values()) {
      badByReason.put(r, 0L);
    }
  }

  private record Pending(long arrival, long seq, SimRecord record) implements Comparable<Pending> {
    @Override
    public int compareTo(Pending o) {
      int c = Long.compare(arrival, o.arrival);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public SimRecord next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SimRecord r = next;
    next = null;
    byFault.merge(r.fault(), 1L, Long::sum);
    return r;
  }

  private SimRecord advance() {
    while (true) {
      if (lookahead == null) {
        lookahead = clean.next();
      }
      Pending head = out.peek();
      if (head != null
          && (lookahead == null || head.arrival <= lookahead.eventTime().toEpochMilli())) {
        return out.poll().record;
      }
      if (lookahead == null) {
        return null;
      }
      inject(lookahead);
      lookahead = null;
    }
  }

  private void inject(CampaignEvent e) {
    cleanEvents++;
    long t = e.eventTime().toEpochMilli();
    byte[] json = EventWriter.toJson(e);
    String topic = topics.inputFor(e.type());
    // One draw per fault per event, whatever the outcome, keeps the stream easy to reason about.
    double delay = rng.nextDouble();
    double dup = rng.nextDouble();
    double twice = rng.nextDouble();
    double badDraw = rng.nextDouble();
    long arrival = t;
    Fault fault = Fault.NONE;
    if (delay < faults.late()) {
      arrival = t + 2 * HOUR + (long) (rng.nextDouble() * 6 * HOUR);
      fault = Fault.LATE;
    } else if (delay < faults.late() + faults.outOfOrder()) {
      arrival = t + 2 * MINUTE + (long) (rng.nextDouble() * 28 * MINUTE);
      fault = Fault.OUT_OF_ORDER;
    }
    push(arrival, new SimRecord(topic, e.countyCode(), json, arrival, fault));
    if (dup < faults.duplicate()) {
      long at = arrival + 1_000 + (long) (rng.nextDouble() * 90 * MINUTE);
      push(at, new SimRecord(topic, e.countyCode(), json, at, Fault.DUPLICATE));
    }
    if (e instanceof OrderPaid o && twice < faults.paidTwice()) {
      long at =
          Math.min(t + 3_000 + (long) (rng.nextDouble() * 20 * MINUTE), clean.endMillis() - 1);
      OrderPaid again =
          new OrderPaid(
              o.eventId() + "-retry", // a new id: "-" never occurs in the base-36 counter part
              java.time.Instant.ofEpochMilli(at),
              o.countyCode(),
              o.orderId(),
              o.shopId(),
              o.productId(),
              o.quantity(),
              o.amountFen(),
              o.channel(),
              o.sessionId());
      push(
          at,
          new SimRecord(topic, o.countyCode(), EventWriter.toJson(again), at, Fault.PAID_TWICE));
    }
    if (badDraw < faults.bad()) {
      RejectReason reason = BadRecords.pickReason(rng);
      byte[] value = bad.make(reason, e, rng);
      badByReason.merge(reason, 1L, Long::sum);
      push(
          t,
          new SimRecord(Routing.topicOf(value, topics), Routing.keyOf(value), value, t, Fault.BAD));
    }
  }

  private void push(long arrival, SimRecord r) {
    out.add(new Pending(arrival, sequence++, r));
  }

  /** Clean events generated so far (each delivered at least once). */
  public long cleanEvents() {
    return cleanEvents;
  }

  /** Records returned so far, by fault. */
  public Map<Fault, Long> recordsByFault() {
    return Map.copyOf(byFault);
  }

  /** Bad records generated so far, by the reject reason they were made for. */
  public Map<RejectReason, Long> badRecordsByIntent() {
    return Map.copyOf(badByReason);
  }
}
