package org.live110.kafka;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against the embedded broker, bounded in time so no test can hang. */
final class KafkaTestClients {

  static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private KafkaTestClients() {}

  /** Writes the records to partition 0 in one transaction, then commits or aborts it. */
  static void produceInTransaction(
      String bootstrapServers, String topic, List<StampedRecord> records, boolean commit) {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "test-" + UUID.randomUUID(),
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            (int) READ_TIMEOUT.toMillis(),
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            (int) READ_TIMEOUT.toMillis(),
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000);
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (StampedRecord record : records) {
        producer.send(
            new ProducerRecord<>(
                topic, 0, record.timestamp().toEpochMilli(), record.key(), record.value()));
      }
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.flush();
        producer.abortTransaction();
      }
    }
  }

  /**
   * Reads partition 0 from the beginning as a {@code read_committed} consumer until {@code
   * expectedCount} records arrived, or fails after {@link #READ_TIMEOUT}.
   */
  static List<StampedRecord> readCommitted(
      String bootstrapServers, String topic, int expectedCount) {
    Map<String, Object> props =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false);
    List<StampedRecord> seen = new ArrayList<>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      await()
          .atMost(READ_TIMEOUT)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .alias(expectedCount + " committed records on " + topic)
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(StampedRecord.of(r)));
                return seen.size() >= expectedCount;
              });
    }
    return seen;
  }
}
