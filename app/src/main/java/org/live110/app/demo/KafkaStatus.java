package org.live110.app.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.live110.model.Scopes;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/**
 * Reads, from Kafka alone, the three figures of the demo's status line: how many input records
 * exist (their rate is events/s in), how far the job's consumer group lags behind them, and the
 * campaign clock ({@code asOf}) of the newest {@code all} snapshot on the progress topic.
 *
 * <p>Input: bootstrap servers, the input and progress topic names and the job's consumer group.
 * Output: {@link #sample()}. Not thread-safe: one status thread owns it.
 */
public final class KafkaStatus implements AutoCloseable {

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How far before the end of each progress partition the first read starts: the newest {@code all}
   * snapshot is near the end (the roll-up re-sends it every second while the clock moves), and a
   * long demo's topic read from its beginning left the status line behind after a restart.
   */
  static final long TAIL_RECORDS = 20_000;

  /** How long one sample may spend catching up with the progress topic (the line is every 5 s). */
  private static final Duration CATCH_UP_BUDGET = Duration.ofSeconds(2);

  /** One reading. {@code lag} is empty while the job has committed no offsets yet. */
  public record Sample(long inputRecords, Optional<Long> lag, Optional<Instant> asOf) {}

  private final Admin admin;
  private final KafkaConsumer<String, byte[]> progressConsumer;
  private final List<String> inputTopics;
  private final String progressTopic;
  private final String groupId;
  private List<TopicPartition> inputPartitions = List.of();
  private boolean progressAssigned;
  private boolean readTailOnly;
  private ScopeSnapshot newestAll;

  public KafkaStatus(
      String bootstrapServers, List<String> inputTopics, String progressTopic, String groupId) {
    this.inputTopics = List.copyOf(inputTopics);
    this.progressTopic = progressTopic;
    this.groupId = groupId;
    Properties adminProps = new Properties();
    adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    adminProps.put(AdminClientConfig.CLIENT_ID_CONFIG, "110live-status");
    adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
    this.admin = Admin.create(adminProps);
    Properties consumerProps = new Properties();
    consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, "110live-status-progress");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumerProps.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerProps.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    this.progressConsumer = new KafkaConsumer<>(consumerProps);
  }

  /** Takes one reading; a figure Kafka cannot give right now is left empty or zero. */
  public Sample sample() {
    long total = 0;
    Optional<Long> lag = Optional.empty();
    try {
      List<TopicPartition> partitions = inputPartitions();
      Map<TopicPartition, Long> ends = endOffsets(partitions);
      for (long end : ends.values()) {
        total += end;
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(groupId)
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (!committed.isEmpty()) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
          OffsetAndMetadata done = committed.get(end.getKey());
          behind += Math.max(0, end.getValue() - (done == null ? 0 : done.offset()));
        }
        lag = Optional.of(behind);
      }
    } catch (ExecutionException | TimeoutException e) {
      // the status line shows what it has; Kafka being slow for a moment is not an error
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Sample(total, lag, Optional.ofNullable(newestAsOf()));
  }

  private List<TopicPartition> inputPartitions()
      throws ExecutionException, InterruptedException, TimeoutException {
    if (inputPartitions.isEmpty()) {
      Map<String, TopicDescription> described =
          admin
              .describeTopics(inputTopics)
              .allTopicNames()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicDescription topic : described.values()) {
        topic
            .partitions()
            .forEach(p -> partitions.add(new TopicPartition(topic.name(), p.partition())));
      }
      inputPartitions = List.copyOf(partitions);
    }
    return inputPartitions;
  }

  private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> ends = new HashMap<>();
    result.forEach((p, info) -> ends.put(p, info.offset()));
    return ends;
  }

  private Instant newestAsOf() {
    try {
      if (!progressAssigned) {
        List<TopicPartition> partitions = new ArrayList<>();
        progressConsumer
            .partitionsFor(progressTopic, CALL_TIMEOUT)
            .forEach(p -> partitions.add(new TopicPartition(progressTopic, p.partition())));
        progressConsumer.assign(partitions);
        Map<TopicPartition, Long> begins =
            progressConsumer.beginningOffsets(partitions, CALL_TIMEOUT);
        Map<TopicPartition, Long> ends = progressConsumer.endOffsets(partitions, CALL_TIMEOUT);
        for (TopicPartition p : partitions) {
          progressConsumer.seek(p, Math.max(begins.get(p), ends.get(p) - TAIL_RECORDS));
        }
        progressAssigned = true;
        readTailOnly = true;
      }
      // Catch up with everything written since the last sample, up to the end offsets of now and
      // within a time budget (a status line is due). Stopping at the first empty poll instead read
      // about one fetch (~1 MB) a sample, and left the line minutes behind after a restart.
      Map<TopicPartition, Long> ends =
          progressConsumer.endOffsets(progressConsumer.assignment(), CALL_TIMEOUT);
      long deadline = System.nanoTime() + CATCH_UP_BUDGET.toNanos();
      while (behind(ends) && System.nanoTime() < deadline) {
        applyAll(progressConsumer.poll(Duration.ofMillis(100)));
      }
      if (readTailOnly && newestAll == null) {
        // No all snapshot in the tail (a job that has been quiet for long): the whole topic then.
        progressConsumer.seekToBeginning(progressConsumer.assignment());
      }
      readTailOnly = false;
    } catch (RuntimeException e) {
      return newestAll == null ? null : newestAll.asOf();
    }
    return newestAll == null ? null : newestAll.asOf();
  }

  private boolean behind(Map<TopicPartition, Long> ends) {
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (progressConsumer.position(end.getKey(), CALL_TIMEOUT) < end.getValue()) {
        return true;
      }
    }
    return false;
  }

  private void applyAll(Iterable<ConsumerRecord<String, byte[]>> records) {
    for (ConsumerRecord<String, byte[]> record : records) {
      if (Scopes.ALL.equals(record.key()) && record.value() != null) {
        try {
          ScopeSnapshot snapshot = OutputJson.read(record.value(), ScopeSnapshot.class);
          if (newestAll == null || snapshot.supersedes(newestAll)) {
            newestAll = snapshot;
          }
        } catch (RuntimeException e) {
          // a record the status line cannot read is the dashboard's business, not ours
        }
      }
    }
  }

  @Override
  public void close() {
    progressConsumer.close(Duration.ofSeconds(2));
    admin.close(Duration.ofSeconds(2));
  }
}
