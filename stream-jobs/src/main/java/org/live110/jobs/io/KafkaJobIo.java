package org.live110.jobs.io;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.live110.jobs.JobConfig;
import org.live110.jobs.JobSinks;
import org.live110.jobs.JobSources;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.model.Topics;

/**
 * The job's Kafka wiring: one {@link KafkaSource} over the four input topics ({@code
 * read_committed}, from the group's committed offsets else the earliest, records parsed in the
 * source) and at-least-once {@link KafkaSink}s for the output topics.
 */
public final class KafkaJobIo {
  private KafkaJobIo() {}

  /**
   * The four input topics as one source. Watermarks and idleness are per partition (split) either
   * way, so a quiet topic's partitions go idle and never hold the campaign clock back, as with one
   * source per topic; but one source per topic ran four times the reader tasks and fetcher threads,
   * each sending its own thin stream of buffers into the county shuffle — one source gave 12–25 %
   * more events/s on 2 cores (BENCHMARKS.md, item 20).
   */
  public static JobSources sources(JobConfig config) {
    return (env, parser, watermarks) -> {
      Topics t = config.topics();
      KafkaSource<ParsedRecord> source =
          KafkaSource.<ParsedRecord>builder()
              .setBootstrapServers(config.bootstrapServers())
              .setTopics(t.exposure(), t.livestream(), t.orders(), t.programme())
              .setGroupId(config.groupId())
              .setClientIdPrefix(config.groupId() + "-inputs")
              .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
              .setDeserializer(new ParsingDeserializer(parser))
              .setProperty("isolation.level", "read_committed")
              .setProperty("commit.offsets.on.checkpoint", "true")
              .build();
      return env.fromSource(source, watermarks, "source: inputs").uid("source-inputs");
    };
  }

  /** At-least-once sinks of absolute, versioned records (see the README for why). */
  public static JobSinks sinks(JobConfig config) {
    Topics t = config.topics();
    String servers = config.bootstrapServers();
    return new JobSinks() {
      @Override
      public Sink<KeyedValue> progress() {
        return keyed(servers, t.progress());
      }

      @Override
      public Sink<KeyedValue> series() {
        return keyed(servers, t.series());
      }

      @Override
      public Sink<KeyedValue> sessions() {
        return keyed(servers, t.sessions());
      }

      @Override
      public Sink<DeadLetter> deadLetters() {
        return KafkaSink.<DeadLetter>builder()
            .setBootstrapServers(servers)
            .setRecordSerializer(new DeadLetterSerializer(t.deadLetter()))
            .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
            .build();
      }
    };
  }

  private static KafkaSink<KeyedValue> keyed(String servers, String topic) {
    return KafkaSink.<KeyedValue>builder()
        .setBootstrapServers(servers)
        .setRecordSerializer(new KeyedValueSerializer(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        // In a replay the series sink writes about one record per event read: large lz4 batches
        // cost the producer less per record and the broker far less per byte; 10 ms of linger
        // is small against the screen's 500 ms budget.
        .setProperty("linger.ms", "10")
        .setProperty("batch.size", "262144")
        .setProperty("compression.type", "lz4")
        .build();
  }
}
