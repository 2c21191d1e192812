package org.live110.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.live110.kafka.KafkaTestClients.produceInTransaction;
import static org.live110.kafka.KafkaTestClients.readCommitted;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the demo relies on after a crash: a new broker on the same directory has the old data. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerRestartTest {

  private static final Instant CAMPAIGN_DAY = Instant.parse("2019-10-17T02:00:00Z");
  private static final TopicSpec ORDERS = TopicSpec.retainForever("campaign.orders", 1);
  private static final List<StampedRecord> PAID_ORDERS =
      List.of(
          new StampedRecord("order-1", "{\"amountFen\":1990}", CAMPAIGN_DAY),
          new StampedRecord("order-2", "{\"amountFen\":4500}", CAMPAIGN_DAY.plusSeconds(1)));

  @TempDir Path logDir;

  @Test
  void recordsSurviveARestartOnTheSameLogDirectory() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(logDir).build();
    try (var first = new EmbeddedKafkaBroker(config).start()) {
      first.createTopics(List.of(ORDERS));
      produceInTransaction(first.bootstrapServers(), ORDERS.name(), PAID_ORDERS, true);
      assertThat(readCommitted(first.bootstrapServers(), ORDERS.name(), 2))
          .containsExactlyElementsOf(PAID_ORDERS);
    }

    try (var second = new EmbeddedKafkaBroker(config).start()) {
      // the demo declares its topics on every start; existing ones must be accepted as they are
      second.createTopics(List.of(ORDERS));
      assertThat(readCommitted(second.bootstrapServers(), ORDERS.name(), 2))
          .containsExactlyElementsOf(PAID_ORDERS);
    }
  }
}
