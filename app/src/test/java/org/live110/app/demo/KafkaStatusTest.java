package org.live110.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.kafka.TopicSpec;
import org.live110.model.output.OutputJson;
import org.live110.model.output.ScopeSnapshot;

/** The status line's campaign clock, read from a real broker's progress topic. */
class KafkaStatusTest {
  private static final Instant EARLY = Instant.parse("2019-03-01T00:00:00Z");
  private static final Instant LATE = Instant.parse("2019-06-01T00:00:00Z");
  private static final int FILLER = (int) KafkaStatus.TAIL_RECORDS + 10_000;

  @TempDir static Path dir;
  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(dir.resolve("kafka")).port(0).build())
            .start();
    broker.createTopics(
        List.of(
            TopicSpec.retainForever("in", 1),
            TopicSpec.compacted("long", 1),
            TopicSpec.compacted("quiet", 1)));
    try (KafkaProducer<String, byte[]> producer = producer()) {
      // "long": an all, a long stretch of county snapshots, an all near the end. The first has
      // the higher version, so only a reader that skipped it shows the second's clock.
      producer.send(new ProducerRecord<>("long", "all", all(5, EARLY)));
      filler(producer, "long");
      producer.send(new ProducerRecord<>("long", "all", all(2, LATE)));
      // "quiet": the only all far before the tail
      producer.send(new ProducerRecord<>("quiet", "all", all(1, EARLY)));
      filler(producer, "quiet");
      producer.flush();
    }
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static KafkaProducer<String, byte[]> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    return new KafkaProducer<>(p);
  }

  private static void filler(KafkaProducer<String, byte[]> producer, String topic) {
    byte[] county = "{\"scope\":\"county:622921\"}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < FILLER; i++) {
      producer.send(new ProducerRecord<>(topic, "county:" + (i % 110), county));
    }
  }

  private static byte[] all(long version, Instant asOf) {
    return OutputJson.write(
        new ScopeSnapshot(
            "all",
            version,
            asOf,
            Map.of(),
            0,
            0,
            0,
            "2019-03-01",
            Map.of(),
            Map.of(),
            Map.of(),
            0,
            asOf));
  }

  private static KafkaStatus status(String progressTopic) {
    return new KafkaStatus(broker.bootstrapServers(), List.of("in"), progressTopic, "no-group");
  }

  /** Samples as the status loop does, until one has a clock (bounded). */
  private static Optional<Instant> firstClock(KafkaStatus status) {
    return Awaitility.await("a sample with a campaign clock")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> status.sample().asOf(), Optional::isPresent);
  }

  @Test
  void theFirstReadStartsNearTheEndWhereTheNewestAllSnapshotIs() {
    try (KafkaStatus status = status("long")) {
      assertThat(firstClock(status)).contains(LATE);
    }
  }

  @Test
  void whenTheTailHoldsNoAllSnapshotTheTopicIsReadFromItsBeginning() {
    try (KafkaStatus status = status("quiet")) {
      assertThat(firstClock(status)).contains(EARLY);
    }
  }
}
