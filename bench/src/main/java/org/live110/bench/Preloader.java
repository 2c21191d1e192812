package org.live110.bench;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.live110.model.codec.EventParser;

/**
 * Writes a feed of simulated records to the input topics once, before any measured run, and counts
 * what it wrote ({@link ExpectedTotals}).
 *
 * <p>Input: bootstrap servers, a feed. Output: {@link Result} with the record count per topic and
 * the exact expected totals. The producer is configured as the simulator's (idempotent, lz4,
 * acks=all) so the consumers under test decompress what a real producer would send.
 */
public final class Preloader {
  private final String bootstrapServers;
  private final EventParser parser;

  public Preloader(String bootstrapServers, EventParser parser) {
    this.bootstrapServers = bootstrapServers;
    this.parser = parser;
  }

  /** What was preloaded. */
  public record Result(
      long records,
      Map<String, Long> perTopic,
      ExpectedTotals.Totals totals,
      long bytes,
      double seconds) {}

  /** Produces every record of the feed and waits until all are acknowledged. */
  public Result load(Iterator<FeedRecord> feed) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
    p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(128L * 1024 * 1024));
    ExpectedTotals expected = new ExpectedTotals(parser);
    Map<String, Long> perTopic = new TreeMap<>();
    AtomicReference<Exception> failure = new AtomicReference<>();
    long bytes = 0;
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      while (feed.hasNext()) {
        FeedRecord r = feed.next();
        expected.add(r.value());
        perTopic.merge(r.topic(), 1L, Long::sum);
        bytes += r.value().length;
        producer.send(
            new ProducerRecord<>(r.topic(), r.key(), r.value()),
            (md, e) -> {
              if (e != null) {
                failure.compareAndSet(null, e);
              }
            });
        if (failure.get() != null) {
          break;
        }
      }
      producer.flush();
      producer.close(Duration.ofSeconds(60));
    }
    if (failure.get() != null) {
      throw new IllegalStateException("preload failed", failure.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ExpectedTotals.Totals totals = expected.freeze();
    return new Result(totals.records(), perTopic, totals, bytes, seconds);
  }
}
