package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.live110.kafka.CampaignTopicLayout;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Topics;

/** Replay and simulate against a real (embedded) broker: each record lands on its topic. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaRoundTripTest {
  private Path dir;
  private EmbeddedKafkaBroker broker;

  @BeforeAll
  void startBroker(@TempDir Path tempDir) {
    dir = tempDir;
    broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir.resolve("kafka")).port(0).build())
            .start();
    broker.createTopics(CampaignTopicLayout.specs(Topics.DEFAULT));
  }

  @AfterAll
  void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  /** Every record of the input topics, by topic, read from the beginning. */
  private Map<String, List<ConsumerRecord<String, byte[]>>> readAll(Topics topics, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, List<ConsumerRecord<String, byte[]>>> byTopic = new HashMap<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics.inputs()) {
        for (int i = 0; i < CampaignTopicLayout.INPUT_PARTITIONS; i++) {
          partitions.add(new TopicPartition(t, i));
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      int[] count = {0};
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                  byTopic.computeIfAbsent(r.topic(), k -> new ArrayList<>()).add(r);
                  count[0]++;
                }
                return count[0] >= expected;
              });
      assertThat(consumer.poll(Duration.ofMillis(500)).count()).isZero();
    }
    return byTopic;
  }

  @Test
  void replayedLinesLandOnTheTopicOfTheirType() throws Exception {
    Topics topics =
        new Topics(
            "r.exposure",
            "r.livestream",
            "r.orders",
            "r.programme",
            "r.deadletter",
            "r.progress",
            "r.series",
            "r.sessions");
    broker.createTopics(CampaignTopicLayout.specs(topics));
    Path file = dir.resolve("year.jsonl");
    SimulationOptions options =
        Years.SMALL.withEvents(5_000).withFaults(FaultRates.DEFAULT.withBad(0.05));
    List<SimRecord> records = Years.records(options);
    try (JsonLinesSink sink = JsonLinesSink.create(file)) {
      for (SimRecord r : records) {
        sink.send(r);
      }
    }
    try (KafkaSink sink = new KafkaSink(broker.bootstrapServers(), 1 << 20)) {
      long sent = new Replayer(topics, Pacer.unpaced(), () -> false).replay(file, sink);
      assertThat(sent).isEqualTo(records.size());
    }
    Map<String, List<ConsumerRecord<String, byte[]>>> landed = readAll(topics, records.size());
    Map<String, Long> expected = new HashMap<>();
    for (SimRecord r : records) {
      String topic = Routing.topicOf(r.value(), topics);
      expected.merge(topic, 1L, Long::sum);
    }
    for (String t : topics.inputs()) {
      assertThat((long) landed.getOrDefault(t, List.of()).size())
          .as(t)
          .isEqualTo(expected.getOrDefault(t, 0L));
    }
    // The bytes arrive unchanged, keyed by county.
    ConsumerRecord<String, byte[]> anOrder = landed.get("r.orders").get(0);
    assertThat(new String(anOrder.value(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("\"countyCode\":\"" + anOrder.key() + "\"");
    assertThat(Files.size(file)).isPositive();
  }

  @Test
  void simulateWritesEachRecordToItsTopicKeyedByCounty() throws Exception {
    SimulationOptions options = Years.SMALL.withEvents(5_000);
    Years.ListSink expected = new Years.ListSink();
    new Simulation(options, Double.POSITIVE_INFINITY).run(expected, null);
    try (KafkaSink sink = new KafkaSink(broker.bootstrapServers(), 1 << 20)) {
      SimulationResult result = new Simulation(options, Double.POSITIVE_INFINITY).run(sink, null);
      assertThat(result.records()).isEqualTo(expected.records.size());
      assertThat(sink.acknowledged()).isEqualTo(expected.records.size());
    }
    Map<String, List<ConsumerRecord<String, byte[]>>> landed =
        readAll(Topics.DEFAULT, expected.records.size());
    for (String t : Topics.DEFAULT.inputs()) {
      long want = expected.records.stream().filter(r -> r.topic().equals(t)).count();
      assertThat((long) landed.getOrDefault(t, List.of()).size()).as(t).isEqualTo(want);
    }
    for (ConsumerRecord<String, byte[]> r : landed.get(Topics.DEFAULT.programme())) {
      if (r.key() != null) {
        assertThat(r.key()).matches("[0-9]{6}");
      }
    }
  }
}
