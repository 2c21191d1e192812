package org.live110.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;

/**
 * The physical limit of this machine for reading the input: plain {@link KafkaConsumer} loops (one
 * thread per core, each owning a group of partitions) that only parse and validate each record with
 * the model's parser, no state, no output.
 *
 * <p>Input: bootstrap servers, the input topics. Output: records read, accepted and seconds from
 * the first poll to the last record.
 */
public final class CeilingRun {
  private final String bootstrapServers;
  private final List<String> topics;
  private final EventParser parser;
  private final int threads;

  public CeilingRun(String bootstrapServers, List<String> topics, EventParser parser, int threads) {
    this.bootstrapServers = bootstrapServers;
    this.topics = List.copyOf(topics);
    this.parser = parser;
    this.threads = threads;
  }

  /** Records read and parsed, how many were valid, and the time it took. */
  public record Result(long records, long accepted, double seconds) {
    public double eventsPerSecond() {
      return records / seconds;
    }
  }

  /** Reads every record currently in the topics once, from the beginning. */
  public Result run() throws Exception {
    List<TopicPartition> partitions = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> meta = consumer()) {
      for (String t : topics) {
        for (PartitionInfo pi : meta.partitionsFor(t)) {
          partitions.add(new TopicPartition(t, pi.partition()));
        }
      }
    }
    List<List<TopicPartition>> groups = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      groups.add(new ArrayList<>());
    }
    for (int i = 0; i < partitions.size(); i++) {
      groups.get(i % threads).add(partitions.get(i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<long[]>> futures = new ArrayList<>();
      for (List<TopicPartition> g : groups) {
        futures.add(pool.submit(() -> readAll(g)));
      }
      long records = 0;
      long accepted = 0;
      for (Future<long[]> f : futures) {
        long[] r = f.get();
        records += r[0];
        accepted += r[1];
      }
      return new Result(records, accepted, (System.nanoTime() - start) / 1e9);
    } finally {
      pool.shutdownNow();
    }
  }

  private long[] readAll(List<TopicPartition> assigned) {
    long records = 0;
    long accepted = 0;
    try (KafkaConsumer<byte[], byte[]> c = consumer()) {
      c.assign(assigned);
      c.seekToBeginning(assigned);
      Map<TopicPartition, Long> end = c.endOffsets(assigned);
      while (!reached(c, end)) {
        ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(200));
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          records++;
          if (parser.parse(r.value()) instanceof ParseResult.Accepted) {
            accepted++;
          }
        }
      }
    }
    return new long[] {records, accepted};
  }

  private static boolean reached(KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (c.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024));
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
