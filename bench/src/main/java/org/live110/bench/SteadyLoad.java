package org.live110.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.live110.jobs.JobConfig;
import org.live110.jobs.ProgressJob;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.model.Topics;
import org.live110.model.codec.EventWriter;
import org.live110.model.event.OrderPaid;
import org.live110.model.event.SalesChannel;
import org.live110.model.plan.CampaignCalendar;

/**
 * The live system under a steady load, for the latency and fan-out phases: the production job on
 * topics of its own and a producer writing a simulated year at a fixed rate (events/s), with one
 * marker order every {@code 1/markerRate} s for a marker county whose simulated events are left
 * out, so that the county's {@code orders} total equals the number of markers counted.
 *
 * <p>Input: broker, cluster, feed, rate. Output: the produce time of each marker ({@link
 * #markerSentNanos}), the topics (for the dashboards).
 */
public final class SteadyLoad implements AutoCloseable {
  private final Topics topics;
  private final BenchCluster cluster;
  private final JobID job;
  private final Thread producerThread;
  private final String markerCounty;
  private final long[] markerSent;
  private final AtomicLong markers = new AtomicLong();
  private final AtomicLong produced = new AtomicLong();
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile boolean running = true;
  private volatile boolean markersOn = false;

  /**
   * Starts the job and the producer.
   *
   * @param rate events per second, markers included
   * @param markerRate markers per second
   * @param maxMarkers capacity of the marker log
   */
  public SteadyLoad(
      EmbeddedKafkaBroker broker,
      BenchCluster cluster,
      FeedSource feed,
      BenchConfig config,
      String markerCounty,
      int rate,
      int markerRate,
      int maxMarkers,
      Path checkpointDir)
      throws Exception {
    this.cluster = cluster;
    this.markerCounty = markerCounty;
    this.markerSent = new long[maxMarkers];
    this.topics = BenchTopics.prefixed("live.");
    broker.createTopics(BenchTopics.inputSpecs(topics));
    broker.createTopics(BenchTopics.outputSpecs(topics));
    JobConfig jc =
        JobConfig.builder()
            .bootstrapServers(broker.bootstrapServers())
            .topics(topics)
            .groupId("bench-live")
            .parallelism(config.parallelism())
            .checkpointInterval(config.checkpointInterval())
            .build();
    Configuration conf = new Configuration();
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    ProgressJob.buildKafkaPipeline(env, jc);
    job = cluster.submit(env);
    // a year long enough that the producer never runs dry during the phases
    long seconds =
        config.latencyDuration().plus(config.fanoutDuration()).plusSeconds(120).toSeconds();
    Iterator<FeedRecord> year =
        feed.year(Math.max(1_000, rate * seconds), config.seed() + 1, topics);
    KafkaProducer<byte[], byte[]> producer = producer(broker.bootstrapServers());
    producerThread = new Thread(() -> produce(producer, year, rate, markerRate), "steady-producer");
    producerThread.setDaemon(true);
    producerThread.start();
  }

  public Topics topics() {
    return topics;
  }

  public String markerCounty() {
    return markerCounty;
  }

  /** Starts or stops sending markers (the measuring window). */
  public void markers(boolean on) {
    markersOn = on;
  }

  /** Markers sent so far; marker {@code k} (1-based) makes the county's orders total {@code k}. */
  public long markerCount() {
    return markers.get();
  }

  /** {@link System#nanoTime()} at which marker {@code k} (1-based) was handed to the producer. */
  public long markerSentNanos(long k) {
    return markerSent[(int) (k - 1)];
  }

  public long produced() {
    return produced.get();
  }

  /** Throws if the producer failed. */
  public void check() {
    if (failure.get() != null) {
      throw new IllegalStateException("steady producer failed", failure.get());
    }
  }

  private void produce(
      KafkaProducer<byte[], byte[]> producer, Iterator<FeedRecord> year, int rate, int markerRate) {
    byte[] skipKey = markerCounty.getBytes(StandardCharsets.UTF_8);
    long intervalNanos = 1_000_000_000L / rate;
    long markerEvery = Math.max(1, rate / markerRate);
    long start = System.nanoTime();
    long lastArrival = new CampaignCalendar(CampaignCalendar.DEFAULT_YEAR).start().toEpochMilli();
    try (producer) {
      for (long i = 0; running; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 200_000) {
          LockSupport.parkNanos(wait);
        }
        if (markersOn && i % markerEvery == 0 && markers.get() < markerSent.length) {
          long k = markers.get() + 1;
          byte[] value = marker(k, lastArrival);
          markerSent[(int) (k - 1)] = System.nanoTime();
          producer.send(new ProducerRecord<>(topics.orders(), skipKey, value), this::onSent);
          markers.set(k);
          produced.incrementAndGet();
          continue;
        }
        FeedRecord r = nextOther(year, skipKey);
        if (r == null) {
          return;
        }
        lastArrival = r.arrivalMillis();
        producer.send(new ProducerRecord<>(r.topic(), r.key(), r.value()), this::onSent);
        produced.incrementAndGet();
      }
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private void onSent(org.apache.kafka.clients.producer.RecordMetadata md, Exception e) {
    if (e != null) {
      failure.compareAndSet(null, e);
    }
  }

  private static FeedRecord nextOther(Iterator<FeedRecord> year, byte[] skipKey) {
    while (year.hasNext()) {
      FeedRecord r = year.next();
      if (r.key() == null || !Arrays.equals(r.key(), skipKey)) {
        return r;
      }
    }
    return null;
  }

  private byte[] marker(long k, long arrivalMillis) {
    CampaignCalendar cal = new CampaignCalendar(CampaignCalendar.DEFAULT_YEAR);
    Instant t = Instant.ofEpochMilli(arrivalMillis);
    if (!cal.contains(t)) {
      t = cal.start();
    }
    return EventWriter.toJson(
        new OrderPaid(
            "bench-marker-" + k,
            t,
            markerCounty,
            "bench-marker-order-" + k,
            "bench-marker-shop",
            "bench-marker-product",
            1,
            100,
            SalesChannel.STORE,
            null));
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // a live producer: small linger, so a marker waits at most a few ms in the client
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  @Override
  public void close() throws Exception {
    running = false;
    producerThread.join(30_000);
    cluster.cancel(job);
  }
}
