package org.live110.reliability.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.event.AuthorKind;
import org.live110.model.event.CampaignEvent;
import org.live110.model.event.ContentPublished;
import org.live110.model.event.HouseholdBenefited;
import org.live110.model.event.LiveStarted;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.ProductListed;
import org.live110.model.event.ShopOpened;
import org.live110.simulator.GroundTruth;
import org.live110.simulator.SimRecord;
import org.live110.simulator.Sink;

/**
 * A simulator {@link Sink} in front of the real one that counts the ground truth of exactly what
 * was sent (also when the same stretch is sent twice by a restarted simulator), counts the exact
 * duplicates of valid events it passed on, and keeps the bad records it sent (for the dead-letter
 * check). Fed by one simulator thread at a time.
 */
public final class RecordingSink implements Sink {
  /** A rejected record as sent: its bytes, topic and the reason the model's parser gives. */
  public record BadRecord(String topic, byte[] value, String reason) {}

  private final Sink target;
  private final GroundTruth truth;
  private final EventParser parser;
  private final Set<String> eventIds = new HashSet<>();
  private final Set<String> distinctIds = new HashSet<>();
  private final List<BadRecord> bad = Collections.synchronizedList(new ArrayList<>());
  private volatile long sent;
  private volatile long duplicatesSent;
  private volatile long validSent;
  private volatile long distinctIdRepeatsSent;
  private LongConsumer afterSend = n -> {};

  public RecordingSink(Sink target, GroundTruth truth, EventParser parser) {
    this.target = target;
    this.truth = truth;
    this.parser = parser;
  }

  /** Called with the number of records sent so far after each send (e.g. to stop a simulation). */
  public RecordingSink afterSend(LongConsumer hook) {
    this.afterSend = hook;
    return this;
  }

  @Override
  public synchronized void send(SimRecord r) throws IOException {
    target.send(r);
    truth.accept(r.value());
    ParseResult result = parser.parse(r.value());
    if (result instanceof ParseResult.Rejected rejected) {
      bad.add(new BadRecord(r.topic(), r.value(), rejected.reason().code()));
    } else {
      validSent++;
      CampaignEvent e = ((ParseResult.Accepted) result).event();
      if (!eventIds.add(e.eventId())) {
        duplicatesSent++;
      } else {
        String distinct = distinctId(e);
        if (distinct != null && !distinctIds.add(e.countyCode() + "/" + distinct)) {
          distinctIdRepeatsSent++;
        }
      }
    }
    sent++;
    afterSend.accept(sent);
  }

  /** Sends a record that is not from the simulator (a test's own poison pill), truth included. */
  public void sendRaw(String topic, String key, byte[] value) throws IOException {
    send(new SimRecord(topic, key, value, 0, org.live110.simulator.Fault.BAD));
  }

  @Override
  public void flush() throws IOException {
    target.flush();
  }

  @Override
  public long acknowledged() {
    return target.acknowledged();
  }

  @Override
  public void close() throws IOException {
    target.close();
  }

  public long sent() {
    return sent;
  }

  public long validSent() {
    return validSent;
  }

  /** Valid events sent whose eventId had been sent before (what the job must drop). */
  public long duplicatesSent() {
    return duplicatesSent;
  }

  /**
   * Valid events with a new eventId that repeat an id a distinct-count KPI already has (an order
   * paid twice under a new event id, a shop opened again): the job drops them and counts them as
   * duplicates too.
   */
  public long distinctIdRepeatsSent() {
    return distinctIdRepeatsSent;
  }

  /** The id a distinct-count KPI counts for this event (EVENTS.md), or null for additive ones. */
  static String distinctId(CampaignEvent e) {
    if (e instanceof ContentPublished p) {
      return p.authorKind() == AuthorKind.TRAINEE ? "post:" + p.contentId() : null;
    } else if (e instanceof LiveStarted l) {
      return "live:" + l.sessionId();
    } else if (e instanceof ShopOpened s) {
      return "shop:" + s.shopId();
    } else if (e instanceof ProductListed p) {
      return "product:" + p.productId();
    } else if (e instanceof OrderPaid o) {
      return "order:" + o.orderId();
    } else if (e instanceof HouseholdBenefited h) {
      return "household:" + h.householdId();
    }
    return null;
  }

  public List<BadRecord> badRecords() {
    synchronized (bad) {
      return List.copyOf(bad);
    }
  }

  public synchronized GroundTruth truth() {
    return truth;
  }
}
