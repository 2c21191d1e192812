package org.live110.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/**
 * Follows the compacted progress topic as the dashboard does: per scope, the snapshot that
 * supersedes all before it. Tests compare its totals with what they produced.
 */
public final class ProgressReader implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, ScopeSnapshot> latest = new HashMap<>();

  public ProgressReader(String bootstrapServers, String progressTopic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> partitions = new ArrayList<>();
    consumer
        .partitionsFor(progressTopic, Duration.ofSeconds(30))
        .forEach(p -> partitions.add(new TopicPartition(progressTopic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Reads what has arrived; returns the newest snapshot per scope so far. */
  public Map<String, ScopeSnapshot> poll() {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
      if (record.key() == null || !record.key().contains(":") && !record.key().equals("all")) {
        continue; // e.g. the dead-letter summary
      }
      ScopeSnapshot next = OutputJson.read(record.value(), ScopeSnapshot.class);
      ScopeSnapshot current = latest.get(record.key());
      if (current == null || next.supersedes(current)) {
        latest.put(record.key(), next);
      }
    }
    return latest;
  }

  /** The differences between {@code expected} totals and the newest snapshots (empty = equal). */
  public List<String> differences(Map<String, Map<String, Long>> expected) {
    Map<String, ScopeSnapshot> now = poll();
    List<String> diffs = new ArrayList<>();
    expected.forEach(
        (scope, totals) -> {
          ScopeSnapshot snapshot = now.get(scope);
          totals.forEach(
              (kpi, value) -> {
                long actual = snapshot == null ? 0 : snapshot.totals().getOrDefault(kpi, 0L);
                if (actual != value) {
                  diffs.add(
                      scope + " " + kpi + ": expected " + value + ", progress topic " + actual);
                }
              });
        });
    return diffs;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
