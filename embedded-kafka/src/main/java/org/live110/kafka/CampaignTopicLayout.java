package org.live110.kafka;

import java.time.Duration;
import java.util.List;
import org.live110.model.Topics;

/**
 * The campaign's topics as the demo and the tests create them, in one place.
 *
 * <ul>
 *   <li>The four input topics and the dead-letter topic keep records forever: the campaign's events
 *       are stamped 2019, and a time-based retention would delete them as soon as the broker checks
 *       (the event time is the record timestamp).
 *   <li>Progress and sessions are compacted: the newest absolute state per key is all a reader
 *       needs to rebuild its view.
 *   <li>Series buckets are only needed for the last 24 campaign hours; the job stamps them with the
 *       wall clock, so a two-day retention keeps what a restarted dashboard needs.
 * </ul>
 */
public final class CampaignTopicLayout {
  /** Partitions of each input topic; the job's default parallelism is 2. */
  public static final int INPUT_PARTITIONS = 2;

  /** How long series buckets stay in Kafka (by wall-clock record timestamp). */
  public static final Duration SERIES_RETENTION = Duration.ofDays(2);

  private CampaignTopicLayout() {}

  /** Every topic of a deployment with {@link #INPUT_PARTITIONS} partitions per input topic. */
  public static List<TopicSpec> specs(Topics topics) {
    return specs(topics, INPUT_PARTITIONS);
  }

  public static List<TopicSpec> specs(Topics topics, int inputPartitions) {
    return List.of(
        TopicSpec.retainForever(topics.exposure(), inputPartitions),
        TopicSpec.retainForever(topics.livestream(), inputPartitions),
        TopicSpec.retainForever(topics.orders(), inputPartitions),
        TopicSpec.retainForever(topics.programme(), inputPartitions),
        TopicSpec.retainForever(topics.deadLetter(), 1),
        TopicSpec.compacted(topics.progress(), 1),
        TopicSpec.compacted(topics.sessions(), 1),
        TopicSpec.deleteAfter(topics.series(), 1, SERIES_RETENTION));
  }
}
