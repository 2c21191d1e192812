package org.live110.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.live110.model.Topics;

class ProgressJobCliTest {
  @Test
  void defaultsAreTheDocumentedOnes() {
    JobConfig c = ProgressJob.parseArgs();
    assertThat(c).isEqualTo(JobConfig.builder().build());
    assertThat(c.topics()).isEqualTo(Topics.DEFAULT);
    assertThat(c.emitInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(c.stageEmitInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(c.dedupRetention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.sessionRetention()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void everyOptionReachesTheConfig() {
    JobConfig c =
        ProgressJob.parseArgs(
            "--bootstrap-servers", "kafka-1:9092",
            "--topic-orders", "shop.orders",
            "--topic-progress", "live.progress",
            "--group-id", "g",
            "--parallelism", "4",
            "--checkpoint-interval", "PT5S",
            "--dedup-retention", "P3D",
            "--session-timeout", "PT10M",
            "--session-retention", "PT6H",
            "--emit-interval", "PT0.5S",
            "--registry", "counties.csv",
            "--targets", "targets.csv",
            "--year", "2020",
            "--max-record-bytes", "4096");
    assertThat(c.bootstrapServers()).isEqualTo("kafka-1:9092");
    assertThat(c.topics().orders()).isEqualTo("shop.orders");
    assertThat(c.topics().progress()).isEqualTo("live.progress");
    assertThat(c.topics().exposure()).isEqualTo(Topics.DEFAULT.exposure());
    assertThat(c.groupId()).isEqualTo("g");
    assertThat(c.parallelism()).isEqualTo(4);
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.dedupRetention()).isEqualTo(Duration.ofDays(3));
    assertThat(c.sessionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.sessionRetention()).isEqualTo(Duration.ofHours(6));
    assertThat(c.emitInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.registryFile()).isEqualTo(Path.of("counties.csv"));
    assertThat(c.targetsFile()).isEqualTo(Path.of("targets.csv"));
    assertThat(c.year()).isEqualTo(2020);
    assertThat(c.maxRecordBytes()).isEqualTo(4096);
  }

  @Test
  void theEnvironmentCheckpointsExactlyOnceAndNeverUsesKryo() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    ProgressJob.configure(env, JobConfig.builder().parallelism(3).build());

    assertThat(env.getConfig().getSerializerConfig().hasGenericTypesDisabled()).isTrue();
    assertThat(env.getParallelism()).isEqualTo(3);
    assertThat(env.getCheckpointConfig().getCheckpointInterval()).isEqualTo(2000);
    assertThat(env.getCheckpointConfig().getCheckpointingConsistencyMode())
        .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    assertThat(env.getConfiguration().get(RestartStrategyOptions.RESTART_STRATEGY))
        .isEqualTo("exponential-delay");
  }

  @Test
  void nonsenseIsRefusedBeforeAnythingRuns() {
    assertThatThrownBy(() -> ProgressJob.parseArgs("--parallelism", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
    assertThatThrownBy(() -> ProgressJob.parseArgs("--emit-interval", "PT0S"))
        .hasMessageContaining("emitInterval");
    assertThatThrownBy(() -> ProgressJob.parseArgs("--session-retention", "PT10M"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sessionRetention (PT10M) must be >= sessionTimeout (PT30M)");
  }
}
