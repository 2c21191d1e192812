package org.live110.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.output.DeadLetterSummary;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/**
 * Follows one run's progress topic on its own thread and keeps the newest {@code all} snapshot and
 * dead-letter summary (by the readers' {@code supersedes} rule), with the wall-clock instant each
 * changed. The throughput run polls it to see when the job has drained the preloaded input.
 *
 * <p>Input: bootstrap servers and the progress topic (one partition). Output: {@link #state()}.
 */
public final class ProgressWatcher implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile State state = new State(null, null, -1, -1);

  /**
   * What has been seen so far.
   *
   * @param all the newest campaign-wide snapshot, or null
   * @param deadLetters the newest dead-letter summary, or null
   * @param firstRecordNanos {@link System#nanoTime()} of the first record of the topic, or -1
   * @param lastChangeNanos {@link System#nanoTime()} of the last change of either, or -1
   */
  public record State(
      ScopeSnapshot all,
      DeadLetterSummary deadLetters,
      long firstRecordNanos,
      long lastChangeNanos) {

    /** Whether the figures equal the expected ones exactly. */
    public boolean matches(ExpectedTotals.Totals expected) {
      if (all == null || deadLetters == null || deadLetters.total() != expected.deadLetterTotal()) {
        return false;
      }
      for (Kpi k : Kpi.all()) {
        if (all.total(k) != expected.all().get(k)) {
          return false;
        }
      }
      return true;
    }
  }

  public ProgressWatcher(String bootstrapServers, String progressTopic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    TopicPartition tp = new TopicPartition(progressTopic, 0);
    consumer.assign(List.of(tp));
    consumer.seekToBeginning(List.of(tp));
    thread = new Thread(this::loop, "progress-watcher-" + progressTopic);
    thread.setDaemon(true);
    thread.start();
  }

  public State state() {
    return state;
  }

  private void loop() {
    try {
      while (running) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          apply(r, System.nanoTime());
        }
      }
    } catch (org.apache.kafka.common.errors.WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r, long now) {
    State s = state;
    long first = s.firstRecordNanos() < 0 ? now : s.firstRecordNanos();
    if (r.key() == null || r.value() == null) {
      state = new State(s.all(), s.deadLetters(), first, s.lastChangeNanos());
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (Scopes.ALL.equals(key)) {
      ScopeSnapshot next = OutputJson.read(r.value(), ScopeSnapshot.class);
      if (next.supersedes(s.all())) {
        state = new State(next, s.deadLetters(), first, now);
        return;
      }
    } else if (DeadLetterSummary.KEY.equals(key)) {
      DeadLetterSummary next = OutputJson.read(r.value(), DeadLetterSummary.class);
      if (next.supersedes(s.deadLetters())) {
        state = new State(s.all(), next, first, now);
        return;
      }
    }
    state = new State(s.all(), s.deadLetters(), first, s.lastChangeNanos());
  }

  /** A one-line description of the newest figures, for reports of a mismatch. */
  public static String describe(State s) {
    if (s.all() == null) {
      return "no snapshot";
    }
    Map<String, Long> t = s.all().totals();
    return "all="
        + t
        + " deadLetters="
        + (s.deadLetters() == null ? null : s.deadLetters().total());
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
