package org.live110.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.live110.simulator.SimRecord;
import org.live110.simulator.Sink;

/**
 * The demo simulator's Kafka sink: writes the simulated records in Kafka transactions, each of
 * which also writes the simulator's position (records of the year produced so far) to a small
 * compacted topic. A transaction is committed every {@code commitEvery} (and on flush and close).
 *
 * <p>Why: the demo may be killed at any moment and must then continue the year exactly where the
 * committed records end, neither losing a record nor writing one twice (a bad record written twice
 * would be dead-lettered twice). Records and position commit atomically, readers use {@code
 * read_committed}, and the next start's producer (same {@code transactional.id}) aborts whatever
 * the killed one left open; so the position read back is exactly the number of records readers will
 * ever see. The cost is up to {@code commitEvery} of extra latency per record.
 *
 * <p>Input: bootstrap servers, the position topic, the simulator's identity (seed and size: a
 * position only makes sense for the same year). Output: records on their topics; {@link
 * #acknowledged()} is the committed position.
 */
public final class TransactionalSink implements Sink {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String POSITION_KEY = "position";

  /** Short, so a transaction left open by a killed demo stops blocking readers soon. */
  static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);

  private final KafkaProducer<String, byte[]> producer;
  private final String positionTopic;
  private final String identity;
  private final Duration commitEvery;
  private final long base;
  private long sent;
  private volatile long committed;
  private long lastCommitNanos = System.nanoTime();
  private boolean inTransaction;

  private TransactionalSink(
      KafkaProducer<String, byte[]> producer,
      String positionTopic,
      String identity,
      Duration commitEvery,
      long base) {
    this.producer = producer;
    this.positionTopic = positionTopic;
    this.identity = identity;
    this.commitEvery = commitEvery;
    this.base = base;
    this.committed = base;
  }

  /**
   * Opens the sink: fences and aborts the transaction a previous (killed) simulator left open, then
   * reads the committed position.
   *
   * @param identity describes the simulated year (seed, size, year); a stored position of another
   *     identity is refused, since continuing someone else's year would corrupt the ground truth
   * @throws IllegalStateException if the data directory holds a position of another identity
   */
  public static TransactionalSink open(
      String bootstrapServers,
      String positionTopic,
      String transactionalId,
      String identity,
      int maxRecordBytes,
      Duration commitEvery) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "110live-demo-simulator");
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, maxRecordBytes + (64 << 10)));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p);
    try {
      // aborts the killed run's open transaction, so the position read next is final
      producer.initTransactions();
      long position = readPosition(bootstrapServers, positionTopic, identity).orElse(0L);
      return new TransactionalSink(producer, positionTopic, identity, commitEvery, position);
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** The committed position stored for this identity, if any. */
  static Optional<Long> readPosition(String bootstrapServers, String topic, String identity) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p)) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(topic, Duration.ofSeconds(10))
          .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      JsonNode last = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot read the simulator position from " + topic);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (POSITION_KEY.equals(r.key()) && r.value() != null) {
            last = JSON.readTree(r.value());
          }
        }
      }
      if (last == null) {
        return Optional.empty();
      }
      if (!identity.equals(last.path("identity").asText())) {
        throw new IllegalStateException(
            "the data directory holds a simulated year of "
                + last.path("identity").asText()
                + ", not "
                + identity
                + "; use the same simulator options, or --fresh to start over");
      }
      return Optional.of(last.path("position").asLong());
    } catch (IOException e) {
      throw new IllegalStateException("unreadable simulator position in " + topic, e);
    }
  }

  /** Records of the year committed before this run started: the run skips them. */
  public long startPosition() {
    return base;
  }

  @Override
  public void send(SimRecord record) throws IOException {
    try {
      if (!inTransaction) {
        producer.beginTransaction();
        inTransaction = true;
      }
      producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
      sent++;
      if (System.nanoTime() - lastCommitNanos >= commitEvery.toNanos()) {
        commit();
      }
    } catch (KafkaException e) {
      throw new IOException("simulator cannot write to Kafka: " + e.getMessage(), e);
    }
  }

  private void commit() {
    if (!inTransaction) {
      return;
    }
    ObjectNode position = JSON.createObjectNode();
    position.put("identity", identity);
    position.put("position", base + sent);
    producer.send(
        new ProducerRecord<>(
            positionTopic,
            POSITION_KEY,
            position.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    producer.commitTransaction();
    inTransaction = false;
    committed = base + sent;
    lastCommitNanos = System.nanoTime();
  }

  @Override
  public void flush() throws IOException {
    try {
      commit();
    } catch (KafkaException e) {
      throw new IOException("simulator cannot commit to Kafka: " + e.getMessage(), e);
    }
  }

  /** Records of the year committed so far, including those of earlier runs. */
  @Override
  public long acknowledged() {
    return committed;
  }

  @Override
  public void close() throws IOException {
    try {
      flush();
    } finally {
      producer.close(Duration.ofSeconds(3));
    }
  }
}
