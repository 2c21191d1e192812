package org.live110.model;

import java.util.List;
import org.live110.model.event.EventType;

/**
 * The Kafka topic names of one deployment. Defaults are those of the contract (EVENTS.md); every
 * name can be changed by configuration.
 *
 * @param exposure content events ({@code content_published}, {@code content_exposure})
 * @param livestream livestream events
 * @param orders shop and order events
 * @param programme training and household events
 * @param deadLetter rejected input records, original bytes as value, reason in headers
 * @param progress compacted; one absolute snapshot per scope (see {@code ScopeSnapshot})
 * @param series per-minute buckets for trend charts
 * @param sessions compacted; livestream session state keyed by session id
 */
public record Topics(
    String exposure,
    String livestream,
    String orders,
    String programme,
    String deadLetter,
    String progress,
    String series,
    String sessions) {

  public static final Topics DEFAULT =
      new Topics(
          "campaign.exposure",
          "campaign.livestream",
          "campaign.orders",
          "campaign.programme",
          "campaign.deadletter",
          "campaign.progress",
          "campaign.series",
          "campaign.sessions");

  /** The four input topics the stream job reads. */
  public List<String> inputs() {
    return List.of(exposure, livestream, orders, programme);
  }

  /** The input topic an event type belongs to. */
  public String inputFor(EventType type) {
    return switch (type.stream()) {
      case EXPOSURE -> exposure;
      case LIVESTREAM -> livestream;
      case ORDERS -> orders;
      case PROGRAMME -> programme;
    };
  }
}
