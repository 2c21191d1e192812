package org.live110.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.live110.model.Topics;

class CampaignTopicLayoutTest {
  @Test
  void inputsAndDeadLettersAreKeptForeverAndStateTopicsCompacted() {
    List<TopicSpec> specs = CampaignTopicLayout.specs(Topics.DEFAULT);
    assertThat(specs)
        .extracting(TopicSpec::name)
        .containsExactly(
            "campaign.exposure",
            "campaign.livestream",
            "campaign.orders",
            "campaign.programme",
            "campaign.deadletter",
            "campaign.progress",
            "campaign.sessions",
            "campaign.series");
    for (TopicSpec s : specs.subList(0, 5)) {
      assertThat(s.config()).containsEntry("retention.ms", "-1");
    }
    assertThat(specs.get(0).partitions()).isEqualTo(2);
    assertThat(specs.get(5).config()).containsEntry("cleanup.policy", "compact");
    assertThat(specs.get(6).config()).containsEntry("cleanup.policy", "compact");
    assertThat(specs.get(7).config()).containsEntry("retention.ms", "172800000");
  }
}
