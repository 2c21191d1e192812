package org.live110.model.codec;

import org.live110.model.event.CampaignEvent;

/** What {@link EventParser} makes of one record: a valid event or a rejection with its reason. */
public sealed interface ParseResult {

  /** A valid event. */
  record Accepted(CampaignEvent event) implements ParseResult {}

  /**
   * A record that must go to the dead-letter topic.
   *
   * @param detail a short human-readable explanation, e.g. {@code amountFen must be an integer >=
   *     1}
   */
  record Rejected(RejectReason reason, String detail) implements ParseResult {}
}
