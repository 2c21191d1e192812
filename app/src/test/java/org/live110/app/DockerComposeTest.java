package org.live110.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine on the build machines, so this checks what can be checked without one:
 * {@code docker/docker-compose.yml} parses, has the services of the deployment with the official
 * images and published ports, and the Flink containers share the checkpoint volume.
 */
class DockerComposeTest {

  private static final Path COMPOSE = Path.of("..", "docker", "docker-compose.yml");
  private static JsonNode services;

  @BeforeAll
  static void parse() throws Exception {
    JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile());
    services = compose.path("services");
  }

  @Test
  void hasEveryServiceOfTheDeployment() {
    List<String> names = new ArrayList<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactlyInAnyOrder(
            "kafka",
            "kafka-init",
            "jobmanager",
            "taskmanager",
            "job-submit",
            "dashboard-1",
            "dashboard-2",
            "proxy",
            "simulator");
  }

  @Test
  void usesTheOfficialKafkaAndFlinkImagesOfTheProjectsVersions() {
    assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:4.2.0");
    assertThat(services.path("jobmanager").path("image").asText()).startsWith("flink:2.2.1");
    assertThat(services.path("taskmanager").path("image").asText()).startsWith("flink:2.2.1");
    assertThat(services.path("jobmanager").path("command").asText()).isEqualTo("jobmanager");
    assertThat(services.path("taskmanager").path("command").asText()).isEqualTo("taskmanager");
  }

  @Test
  void publishesKafkaFlinkUiAndDashboardPorts() {
    assertThat(ports("kafka")).containsExactly("9092:9092");
    assertThat(ports("jobmanager")).containsExactly("8081:8081");
    assertThat(ports("proxy")).containsExactly("7070:7070");
  }

  @Test
  void kafkaAdvertisesAnInternalAndAnExternalListenerAndCreatesNoTopicsByItself() {
    JsonNode env = services.path("kafka").path("environment");
    assertThat(env.path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(env.path("KAFKA_ADVERTISED_LISTENERS").asText())
        .isEqualTo("INTERNAL://kafka:19092,EXTERNAL://localhost:9092");
    assertThat(env.path("KAFKA_AUTO_CREATE_TOPICS_ENABLE").asText()).isEqualTo("false");
    assertThat(services.path("kafka-init").path("command").get(0).asText())
        .contains("retention.ms=-1")
        .contains("cleanup.policy=compact");
  }

  @Test
  void jobManagerAndTaskManagerShareTheCheckpointVolume() {
    assertThat(services.path("jobmanager").path("volumes").get(0).asText())
        .isEqualTo("flink-checkpoints:/checkpoints");
    assertThat(services.path("taskmanager").path("volumes").get(0).asText())
        .isEqualTo("flink-checkpoints:/checkpoints");
    assertThat(services.path("jobmanager").path("environment").path("FLINK_PROPERTIES").asText())
        .contains("execution.checkpointing.dir: file:///checkpoints");
  }

  @Test
  void jobSubmitDashboardsAndSimulatorRunTheLauncherAgainstTheInternalListener() throws Exception {
    assertThat(services.path("job-submit").path("command").toString())
        .contains("--jobmanager=http://jobmanager:8081")
        .contains("--bootstrap-servers=kafka:19092");
    assertThat(services.path("dashboard-1").path("command").toString()).contains("dashboard");
    assertThat(services.path("simulator").path("command").toString()).contains("simulate");
    assertThat(Files.readString(Path.of("..", "docker", "app.Dockerfile")))
        .contains("FROM eclipse-temurin:17-jre");
  }

  private static List<String> ports(String service) {
    List<String> ports = new ArrayList<>();
    services.path(service).path("ports").forEach(p -> ports.add(p.asText()));
    return ports;
  }
}
