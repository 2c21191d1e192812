package org.live110.reliability.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/**
 * A reader of the compacted {@code campaign.progress} topic that applies the wire format's rule:
 * per scope it keeps the snapshot for which {@code next.supersedes(current)} holds, the dead-letter
 * summary with the highest version. Also counts records it held back (re-sent older states after a
 * job failure) — proof that the rule, not luck, kept the figures from going backwards.
 *
 * <p>Not thread-safe; {@link #poll()} from one thread.
 */
public final class ProgressTopic implements AutoCloseable {
  private final KafkaConsumer<String, byte[]> consumer;
  private final Map<String, ScopeSnapshot> scopes = new HashMap<>();
  private DeadLetterSummary deadLetters;
  private long records;
  private long heldBack;

  public ProgressTopic(String bootstrapServers, String topic) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000);
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      parts.add(new TopicPartition(topic, info.partition()));
    }
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
  }

  /** Reads what is there now (one bounded poll) and applies it. */
  public ProgressTopic poll() {
    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
      records++;
      if (r.value() == null) {
        continue;
      }
      if (DeadLetterSummary.KEY.equals(r.key())) {
        DeadLetterSummary s = OutputJson.read(r.value(), DeadLetterSummary.class);
        if (s.supersedes(deadLetters)) {
          deadLetters = s;
        } else {
          heldBack++;
        }
      } else {
        ScopeSnapshot s = OutputJson.read(r.value(), ScopeSnapshot.class);
        ScopeSnapshot current = scopes.get(s.scope());
        if (s.supersedes(current)) {
          scopes.put(s.scope(), s);
        } else {
          heldBack++;
        }
      }
    }
    return this;
  }

  public Map<String, ScopeSnapshot> scopes() {
    return Map.copyOf(scopes);
  }

  public ScopeSnapshot scope(String scope) {
    return scopes.get(scope);
  }

  /** The newest dead-letter summary, or null before the first. */
  public DeadLetterSummary deadLetters() {
    return deadLetters;
  }

  public long records() {
    return records;
  }

  /** Records not applied because the reader already held a newer state of that scope. */
  public long heldBack() {
    return heldBack;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
