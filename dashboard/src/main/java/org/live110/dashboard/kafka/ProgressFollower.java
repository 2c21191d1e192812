package org.live110.dashboard.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.live110.dashboard.view.ProgressView;
import org.live110.model.Topics;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.LiveSession;
import org.live110.model.output.MinuteBucket;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link ProgressView} from the stream job's output topics (progress, series, sessions).
 *
 * <p>On its own thread: a read_committed consumer assigned by hand to every partition of the three
 * topics (no consumer group, no commits), sought to the beginning, so the whole view is rebuilt
 * from the compacted topics at every start and then followed. Topics that do not exist yet are
 * looked up again every few seconds. A record that cannot be read is logged and counted in the view
 * ({@code ProgressView#countBadRecord}); the loop never dies of one. Lag (end offsets minus
 * positions) is published to the view about once a second.
 */
public final class ProgressFollower implements AutoCloseable {
  private volatile boolean reachedKafka;
  private static final Logger LOG = LoggerFactory.getLogger(ProgressFollower.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
  private static final long DISCOVERY_INTERVAL_MS = 3_000;
  private static final long LAG_INTERVAL_MS = 1_000;
  private static final long LOG_EVERY = 1_000;

  private final Map<String, Object> consumerProperties;
  private final Topics topics;
  private final ProgressView view;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private volatile boolean running = true;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private final Map<TopicPartition, Long> replayEnds = new HashMap<>();
  private final Map<String, Long> badCounts = new HashMap<>();
  private long replayStartNanos;
  private long applied;

  /**
   * @param bootstrapServers Kafka bootstrap servers
   * @param extraProperties further consumer properties (security settings, ...); may be empty
   */
  public ProgressFollower(
      String bootstrapServers,
      Map<String, Object> extraProperties,
      Topics topics,
      ProgressView view) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "live110-dashboard");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    props.putAll(extraProperties);
    this.consumerProperties = Map.copyOf(props);
    this.topics = topics;
    this.view = view;
    this.thread = new Thread(this::run, "dashboard-progress-follower");
    this.thread.setDaemon(true);
  }

  public ProgressFollower(String bootstrapServers, Topics topics, ProgressView view) {
    this(bootstrapServers, Map.of(), topics, view);
  }

  /** Whether Kafka has answered at least once (a metadata request for the topics). */
  public boolean reachedKafka() {
    return reachedKafka;
  }

  public ProgressFollower start() {
    view.setReplaying(true);
    thread.start();
    return this;
  }

  private void run() {
    Properties props = new Properties();
    props.putAll(consumerProperties);
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      if (!running) {
        return;
      }
      follow(c);
    } catch (WakeupException e) {
      // close() woke us up: the normal way out.
    } catch (RuntimeException e) {
      LOG.error("progress follower stopped: {}", e.toString(), e);
    } finally {
      stopped.countDown();
    }
  }

  private void follow(KafkaConsumer<byte[], byte[]> c) {
    Set<String> missing =
        new LinkedHashSet<>(List.of(topics.progress(), topics.series(), topics.sessions()));
    Set<TopicPartition> assigned = new HashSet<>();
    long nextDiscovery = 0;
    long nextLag = 0;
    replayStartNanos = System.nanoTime();
    while (running) {
      long now = System.currentTimeMillis();
      try {
        if (!missing.isEmpty() && now >= nextDiscovery) {
          discover(c, missing, assigned);
          nextDiscovery = now + DISCOVERY_INTERVAL_MS;
        }
        if (assigned.isEmpty()) {
          // Nothing to poll yet: wait for the topics to be created (or for close()).
          if (stopRequested.await(500, TimeUnit.MILLISECONDS)) {
            return;
          }
          continue;
        }
        ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> r : records) {
          apply(r);
        }
        if (now >= nextLag) {
          updateLag(c, assigned, missing.isEmpty());
          nextLag = now + LAG_INTERVAL_MS;
        }
      } catch (WakeupException e) {
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A broker hiccup or a bug in one record's handling must not stop the dashboard.
        LOG.warn("progress follower: {}; continuing", e.toString());
        view.countBadRecord("follower_error");
      }
    }
  }

  private void discover(
      KafkaConsumer<byte[], byte[]> c, Set<String> missing, Set<TopicPartition> assigned) {
    List<TopicPartition> added = new ArrayList<>();
    for (String topic : List.copyOf(missing)) {
      List<PartitionInfo> partitions;
      try {
        partitions = c.partitionsFor(topic, METADATA_TIMEOUT);
        reachedKafka = true;
      } catch (RuntimeException e) {
        if (e instanceof WakeupException) {
          throw e;
        }
        LOG.info("topic {} not readable yet: {}", topic, e.toString());
        continue;
      }
      if (partitions == null || partitions.isEmpty()) {
        LOG.info("topic {} does not exist yet; will look again", topic);
        continue;
      }
      for (PartitionInfo p : partitions) {
        added.add(new TopicPartition(p.topic(), p.partition()));
      }
      missing.remove(topic);
    }
    if (added.isEmpty()) {
      return;
    }
    assigned.addAll(added);
    c.assign(assigned);
    c.seekToBeginning(added);
    replayEnds.putAll(c.endOffsets(added, METADATA_TIMEOUT));
    LOG.info("following {} from the beginning", added);
  }

  private void updateLag(
      KafkaConsumer<byte[], byte[]> c, Set<TopicPartition> assigned, boolean allTopicsFound) {
    Map<TopicPartition, Long> ends = c.endOffsets(assigned, METADATA_TIMEOUT);
    long lag = 0;
    boolean caughtUp = allTopicsFound;
    for (TopicPartition tp : assigned) {
      long position = c.position(tp, METADATA_TIMEOUT);
      lag += Math.max(0, ends.getOrDefault(tp, position) - position);
      if (position < replayEnds.getOrDefault(tp, 0L)) {
        caughtUp = false;
      }
    }
    view.updateConsumerLag(lag);
    if (caughtUp && view.replaying()) {
      view.setReplaying(false);
      LOG.info(
          "view rebuilt from {} records in {} ms",
          applied,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - replayStartNanos));
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return; // a tombstone: nothing to show
    }
    String topic = r.topic();
    try {
      if (topic.equals(topics.progress())) {
        String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
        if (DeadLetterSummary.KEY.equals(key)) {
          DeadLetterSummary d = OutputJson.read(r.value(), DeadLetterSummary.class);
          if (d.byReason() == null) {
            bad("progress_incomplete", r, "dead-letter summary without byReason");
            return;
          }
          view.apply(d);
        } else {
          ScopeSnapshot s = OutputJson.read(r.value(), ScopeSnapshot.class);
          if (s.scope() == null || s.totals() == null) {
            bad("progress_incomplete", r, "snapshot without scope or totals");
            return;
          }
          view.apply(s);
        }
      } else if (topic.equals(topics.series())) {
        // One record holds the changed minutes of one scope (a single bucket from older jobs).
        for (MinuteBucket b : OutputJson.readBuckets(r.value())) {
          if (b == null || b.scope() == null || b.minute() == null) {
            bad("series_incomplete", r, "bucket without scope or minute");
          } else {
            view.apply(b);
          }
        }
      } else if (topic.equals(topics.sessions())) {
        view.apply(OutputJson.read(r.value(), LiveSession.class));
      }
      applied++;
    } catch (RuntimeException e) {
      bad(topicKind(topic) + "_malformed", r, e.getMessage());
    }
  }

  private String topicKind(String topic) {
    if (topic.equals(topics.progress())) {
      return "progress";
    }
    return topic.equals(topics.series()) ? "series" : "sessions";
  }

  private void bad(String reason, ConsumerRecord<byte[], byte[]> r, String detail) {
    view.countBadRecord(reason);
    long n = badCounts.merge(reason, 1L, Long::sum);
    // Log the first few and then a sample, so a flood of bad records cannot flood the log.
    if (n <= 5 || n % LOG_EVERY == 0) {
      LOG.warn(
          "unusable record #{} ({}) at {}-{}@{}: {}",
          n,
          reason,
          r.topic(),
          r.partition(),
          r.offset(),
          detail);
    }
  }

  /** Stops the thread and closes the consumer (waits up to 10 s). */
  @Override
  public void close() {
    running = false;
    stopRequested.countDown();
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
