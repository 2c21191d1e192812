package org.live110.jobs.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.live110.kafka.TopicSpec;
import org.live110.model.Topics;

/** Topic layout and plain clients for tests against the embedded broker. */
public final class KafkaTestSupport {
  private KafkaTestSupport() {}

  /**
   * The campaign topics: inputs with 2 partitions kept forever (events stamped 2019 would be
   * deleted by time retention at once), dead letters kept forever, progress and sessions compacted,
   * series deleted after 2 days of wall-clock time.
   */
  public static List<TopicSpec> layout(Topics t) {
    List<TopicSpec> specs = new ArrayList<>();
    for (String in : t.inputs()) {
      specs.add(TopicSpec.retainForever(in, 2));
    }
    specs.add(TopicSpec.retainForever(t.deadLetter(), 1));
    specs.add(TopicSpec.compacted(t.progress(), 1));
    specs.add(TopicSpec.compacted(t.sessions(), 1));
    specs.add(TopicSpec.deleteAfter(t.series(), 1, Duration.ofDays(2)));
    return specs;
  }

  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A consumer of whole topics from the beginning (no group). */
  public static KafkaConsumer<String, byte[]> reader(String bootstrap, String... topics) {
    Map<String, Object> p = new HashMap<>();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<String, byte[]> c =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    for (String topic : topics) {
      for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
        parts.add(new TopicPartition(topic, info.partition()));
      }
    }
    c.assign(parts);
    c.seekToBeginning(parts);
    return c;
  }

  /** Polls once (bounded) and hands every record to {@code sink}. */
  public static void pollInto(
      KafkaConsumer<String, byte[]> c, Consumer<ConsumerRecord<String, byte[]>> sink) {
    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
      sink.accept(r);
    }
  }
}
