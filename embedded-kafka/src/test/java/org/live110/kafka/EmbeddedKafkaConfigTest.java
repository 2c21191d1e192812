package org.live110.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

  private static final Path LOG_DIR = Path.of("target", "kafka-config-test");

  @Test
  void defaultsToLocalhostAndFreePorts() {
    EmbeddedKafkaConfig config = EmbeddedKafkaConfig.builder(LOG_DIR).build();

    assertThat(config.host()).isEqualTo("localhost");
    assertThat(config.port()).isZero();
    assertThat(config.controllerPort()).isZero();
    assertThat(config.brokerProperties()).isEmpty();
  }

  @Test
  void acceptsExtraBrokerProperties() {
    EmbeddedKafkaConfig config =
        EmbeddedKafkaConfig.builder(LOG_DIR)
            .brokerProperty("transaction.max.timeout.ms", "3600000")
            .build();

    assertThat(config.brokerProperties())
        .isEqualTo(Map.of("transaction.max.timeout.ms", "3600000"));
  }

  @Test
  void rejectsPropertiesThatWouldDesynchroniseListenersOrStorage() {
    assertThatThrownBy(
            () ->
                EmbeddedKafkaConfig.builder(LOG_DIR)
                    .brokerProperty("listeners", "PLAINTEXT://:9093")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("listeners");
  }

  @Test
  void rejectsTheSameFixedPortForClientsAndController() {
    assertThatThrownBy(
            () -> EmbeddedKafkaConfig.builder(LOG_DIR).port(9092).controllerPort(9092).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
