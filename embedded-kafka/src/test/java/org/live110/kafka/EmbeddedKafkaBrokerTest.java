package org.live110.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.live110.kafka.KafkaTestClients.produceInTransaction;
import static org.live110.kafka.KafkaTestClients.readCommitted;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One broker on a free port shared by the class; each test uses its own topics. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerTest {

  private static final Instant CAMPAIGN_DAY = Instant.parse("2019-10-17T02:00:00Z");

  private static final List<StampedRecord> FIRST_ORDERS =
      List.of(
          new StampedRecord("order-1", "{\"amountFen\":1990}", CAMPAIGN_DAY),
          new StampedRecord("order-2", "{\"amountFen\":4500}", CAMPAIGN_DAY.plusSeconds(1)),
          new StampedRecord("order-3", "{\"amountFen\":12800}", CAMPAIGN_DAY.plusSeconds(2)));
  private static final List<StampedRecord> ABANDONED_ORDER =
      List.of(new StampedRecord("order-4", "{\"amountFen\":666}", CAMPAIGN_DAY.plusSeconds(3)));
  private static final List<StampedRecord> LATER_ORDER =
      List.of(new StampedRecord("order-5", "{\"amountFen\":300}", CAMPAIGN_DAY.plusSeconds(60)));

  /**
   * Retention runs right after start and every 200 ms, instead of after 30 s and every 5 minutes,
   * so its effect shows within a test.
   */
  private static final Map<String, String> EAGER_RETENTION =
      Map.of("log.initial.task.delay.ms", "0", "log.retention.check.interval.ms", "200");

  @TempDir static Path logDir;

  private static EmbeddedKafkaBroker broker;

  @BeforeAll
  static void startBroker() {
    broker =
        new EmbeddedKafkaBroker(
                EmbeddedKafkaConfig.builder(logDir).brokerProperties(EAGER_RETENTION).build())
            .start();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  @Test
  void bootstrapServersNameTheBoundPortOnLocalhost() {
    assertThat(broker.port()).isPositive();
    assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());
  }

  @Test
  void readCommittedConsumerSeesExactlyTheCommittedRecordsStampedIn2019() {
    broker.createTopics(List.of(TopicSpec.retainForever("orders.committed", 1)));

    produceInTransaction(broker.bootstrapServers(), "orders.committed", FIRST_ORDERS, true);
    produceInTransaction(broker.bootstrapServers(), "orders.committed", ABANDONED_ORDER, false);
    produceInTransaction(broker.bootstrapServers(), "orders.committed", LATER_ORDER, true);

    assertThat(readCommitted(broker.bootstrapServers(), "orders.committed", 4))
        .containsExactly(
            FIRST_ORDERS.get(0), FIRST_ORDERS.get(1), FIRST_ORDERS.get(2), LATER_ORDER.get(0));
  }

  @Test
  void createTopicsIsIdempotentAndAppliesTheTopicConfigs() throws Exception {
    List<TopicSpec> topics =
        List.of(
            TopicSpec.retainForever("events.forever", 3),
            TopicSpec.compacted("snapshots.compacted", 2));

    broker.createTopics(topics);
    broker.createTopics(topics);

    try (Admin admin = admin()) {
      var descriptions =
          admin
              .describeTopics(List.of("events.forever", "snapshots.compacted"))
              .allTopicNames()
              .get();
      assertThat(descriptions.get("events.forever").partitions()).hasSize(3);
      assertThat(descriptions.get("snapshots.compacted").partitions()).hasSize(2);

      var forever = new ConfigResource(ConfigResource.Type.TOPIC, "events.forever");
      var compacted = new ConfigResource(ConfigResource.Type.TOPIC, "snapshots.compacted");
      var configs = admin.describeConfigs(List.of(forever, compacted)).all().get();
      assertThat(configs.get(forever).get("retention.ms").value()).isEqualTo("-1");
      assertThat(configs.get(forever).get("retention.bytes").value()).isEqualTo("-1");
      assertThat(configs.get(forever).get("cleanup.policy").value()).isEqualTo("delete");
      assertThat(configs.get(compacted).get("cleanup.policy").value()).isEqualTo("compact");
    }
  }

  @Test
  void retentionDropsRecordsStampedIn2019UnlessTheTopicRetainsForever() throws Exception {
    broker.createTopics(
        List.of(
            TopicSpec.retainForever("orders.kept", 1),
            TopicSpec.deleteAfter("orders.expiring", 1, Duration.ofDays(7))));

    produceInTransaction(broker.bootstrapServers(), "orders.kept", FIRST_ORDERS, true);
    produceInTransaction(broker.bootstrapServers(), "orders.expiring", FIRST_ORDERS, true);

    try (Admin admin = admin()) {
      // the expiring topic being emptied proves a retention pass ran over the kept topic too
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> earliestOffset(admin, "orders.expiring") > 0);
      assertThat(earliestOffset(admin, "orders.kept")).isZero();
    }
    assertThat(readCommitted(broker.bootstrapServers(), "orders.kept", 3))
        .containsExactlyElementsOf(FIRST_ORDERS);
  }

  @Test
  void startFailsNamingThePortWhenItIsAlreadyInUse(@TempDir Path otherLogDir) {
    int taken = broker.port();
    var second =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(otherLogDir).port(taken).build());

    assertThatThrownBy(second::start)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("port " + taken + " on localhost is already in use")
        .hasMessageNotContaining("java.net");
    assertThat(otherLogDir.resolve("meta.properties")).as("left unformatted").doesNotExist();
    assertThat(Files.exists(otherLogDir)).isTrue();
  }

  @Test
  void startFailsWhenAnotherBrokerUsesTheLogDirectoryAndLeavesThatBrokerRunning() {
    var intruder = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(logDir).build());

    assertThatThrownBy(intruder::start)
        .isInstanceOf(EmbeddedKafkaException.class)
        .hasMessageContaining("log dir " + logDir + " is in use");
    broker.createTopics(List.of(TopicSpec.retainForever("orders.after-intrusion", 1)));
  }

  private static Admin admin() {
    return Admin.create(
        Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
  }

  private static long earliestOffset(Admin admin, String topic) throws Exception {
    var partition = new TopicPartition(topic, 0);
    return admin
        .listOffsets(Map.of(partition, OffsetSpec.earliest()))
        .partitionResult(partition)
        .get()
        .offset();
  }
}
