package org.live110.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JobConfigTest {
  @Test
  void sessionsAreKeptOneDayAfterTheirLastEventByDefault() {
    assertThat(JobConfig.builder().build().sessionRetention()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void theSessionRetentionMustBePositiveAndAtLeastTheTimeout() {
    JobConfig.Builder b = JobConfig.builder().sessionTimeout(Duration.ofMinutes(30));
    assertThatThrownBy(() -> b.sessionRetention(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sessionRetention must be > 0");
    assertThatThrownBy(() -> b.sessionRetention(Duration.ofMinutes(29)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "sessionRetention (PT29M) must be >= sessionTimeout (PT30M): a live session must time"
                + " out before its state is forgotten");
    assertThatThrownBy(() -> b.sessionRetention(null).build())
        .isInstanceOf(NullPointerException.class)
        .hasMessage("sessionRetention");
    assertThat(b.sessionRetention(Duration.ofMinutes(30)).build().sessionRetention())
        .isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void toBuilderKeepsTheRetention() {
    JobConfig c = JobConfig.builder().sessionRetention(Duration.ofHours(6)).build();
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toBuilder().build().sessionRetention()).isEqualTo(Duration.ofHours(6));
  }
}
