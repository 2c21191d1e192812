package org.live110.app.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.live110.kafka.TopicSpec;
import org.live110.model.Topics;

/**
 * The topics of one deployment with their partitions and retention: input and dead-letter topics
 * keep every record (the events are stamped in the campaign year, so time retention would delete
 * them at once), progress and sessions are compacted, the per-minute series is deleted after two
 * days of wall-clock time.
 */
public final class TopicLayout {

  /** Partitions of each input topic: the job reads them in parallel. */
  public static final int INPUT_PARTITIONS = 2;

  private TopicLayout() {}

  /** Every topic of {@code topics}, ready for {@code EmbeddedKafkaBroker.createTopics}. */
  public static List<TopicSpec> specs(Topics topics) {
    List<TopicSpec> specs = new ArrayList<>();
    for (String input : topics.inputs()) {
      specs.add(TopicSpec.retainForever(input, INPUT_PARTITIONS));
    }
    specs.add(TopicSpec.retainForever(topics.deadLetter(), 1));
    specs.add(TopicSpec.compacted(topics.progress(), 1));
    specs.add(TopicSpec.compacted(topics.sessions(), 1));
    specs.add(TopicSpec.deleteAfter(topics.series(), 1, Duration.ofDays(2)));
    return specs;
  }
}
