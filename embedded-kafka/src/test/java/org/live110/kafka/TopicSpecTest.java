package org.live110.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicSpecTest {

  @Test
  void retainForeverDisablesTimeAndSizeRetention() {
    assertThat(TopicSpec.retainForever("campaign.orders", 4))
        .isEqualTo(
            new TopicSpec(
                "campaign.orders",
                4,
                Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1")));
  }

  @Test
  void compactedKeepsTheLatestValuePerKey() {
    assertThat(TopicSpec.compacted("campaign.progress", 1).config())
        .isEqualTo(Map.of("cleanup.policy", "compact"));
  }

  @Test
  void deleteAfterSetsRetentionInMilliseconds() {
    assertThat(TopicSpec.deleteAfter("campaign.deadletter", 1, Duration.ofDays(7)).config())
        .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "604800000"));
  }

  @Test
  void withConfigAddsOrReplacesOneConfig() {
    TopicSpec spec =
        TopicSpec.compacted("campaign.sessions", 2)
            .withConfig("cleanup.policy", "compact,delete")
            .withConfig("min.compaction.lag.ms", "0");

    assertThat(spec.config())
        .isEqualTo(Map.of("cleanup.policy", "compact,delete", "min.compaction.lag.ms", "0"));
  }

  @Test
  void rejectsBlankNamesAndEmptyTopics() {
    assertThatThrownBy(() -> new TopicSpec(" ", 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicSpec.retainForever("campaign.orders", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("campaign.orders");
  }
}
