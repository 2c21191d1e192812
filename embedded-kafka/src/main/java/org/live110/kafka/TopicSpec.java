package org.live110.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A topic the embedded broker should have: its name, partition count and topic-level configs.
 * Replication factor is always 1 because the broker is a single node.
 *
 * <p>Input of {@link EmbeddedKafkaBroker#createTopics}. Prefer the factories: the campaign events
 * are stamped in 2019, so a topic with Kafka's default 7-day time retention loses them at the
 * broker's next retention check (30 s after start, then every 5 minutes); {@link #retainForever} is
 * the safe choice for event topics.
 *
 * @param name topic name, non-blank
 * @param partitions partition count, at least 1
 * @param config topic-level configs (e.g. {@code cleanup.policy}); copied, never null
 */
public record TopicSpec(String name, int partitions, Map<String, String> config) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException(
          "topic " + name + ": partitions must be >= 1, was " + partitions);
    }
    config = Map.copyOf(Objects.requireNonNull(config, "config"));
  }

  /** A delete-policy topic that never deletes by time or size: events keep their 2019 stamps. */
  public static TopicSpec retainForever(String name, int partitions) {
    return new TopicSpec(
        name,
        partitions,
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG, "-1",
            TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
  }

  /** A compacted topic: the latest value per key is kept forever (snapshots, session state). */
  public static TopicSpec compacted(String name, int partitions) {
    return new TopicSpec(
        name,
        partitions,
        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
  }

  /**
   * A delete-policy topic whose segments are removed once older than {@code retention}, measured
   * against record timestamps; only suitable for records stamped near the wall clock.
   */
  public static TopicSpec deleteAfter(String name, int partitions, Duration retention) {
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, was " + retention);
    }
    return new TopicSpec(
        name,
        partitions,
        Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG,
            TopicConfig.CLEANUP_POLICY_DELETE,
            TopicConfig.RETENTION_MS_CONFIG,
            Long.toString(retention.toMillis())));
  }

  /** This spec with one more topic config (replacing an existing value for the same key). */
  public TopicSpec withConfig(String key, String value) {
    Map<String, String> merged = new HashMap<>(config);
    merged.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new TopicSpec(name, partitions, merged);
  }
}
