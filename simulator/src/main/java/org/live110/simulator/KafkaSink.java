package org.live110.simulator;

import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends records to Kafka as a real upstream producer would: idempotent, {@code acks=all}, lz4
 * compressed, batched, keyed by county code (null key for a bad record without a readable county).
 * A failed send is never silent: the first error is rethrown by the next {@link #send} or {@link
 * #flush}.
 */
public final class KafkaSink implements Sink {
  /** The demo's broker. */
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

  private final KafkaProducer<String, byte[]> producer;
  private final AtomicLong acked = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();

  /**
   * @param bootstrapServers broker list
   * @param maxRecordBytes the largest record this sink must carry (too-large bad records)
   */
  public KafkaSink(String bootstrapServers, int maxRecordBytes) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "110live-simulator");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1 << 20, maxRecordBytes + (64 << 10)));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    this.producer = new KafkaProducer<>(p);
  }

  @Override
  public void send(SimRecord record) throws IOException {
    rethrow();
    producer.send(
        new ProducerRecord<>(record.topic(), record.key(), record.value()),
        (meta, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          } else {
            acked.incrementAndGet();
          }
        });
  }

  @Override
  public void flush() throws IOException {
    producer.flush();
    rethrow();
  }

  @Override
  public long acknowledged() {
    return acked.get();
  }

  private void rethrow() throws IOException {
    Exception e = failure.get();
    if (e != null) {
      throw new IOException("Kafka send failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      producer.flush();
    } finally {
      producer.close(java.time.Duration.ofSeconds(10));
    }
    rethrow();
  }
}
