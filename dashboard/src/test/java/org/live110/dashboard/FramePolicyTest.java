package org.live110.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FramePolicyTest {
  @Test
  void denyAndSameOriginMapToBothHeaders() {
    assertThat(FramePolicy.parse("deny")).isEqualTo(new FramePolicy("'none'", "DENY"));
    assertThat(FramePolicy.parse(null)).isEqualTo(FramePolicy.DENY);
    assertThat(FramePolicy.parse("SAMEORIGIN")).isEqualTo(new FramePolicy("'self'", "SAMEORIGIN"));
  }

  @Test
  void allowFromListsOriginsInCspOnly() {
    assertThat(FramePolicy.parse("ALLOW-FROM https://wall.example:8443, 'self'"))
        .isEqualTo(new FramePolicy("https://wall.example:8443 'self'", null));
    assertThat(FramePolicy.parse("frame-ancestors http://kiosk.local"))
        .isEqualTo(new FramePolicy("http://kiosk.local", null));
  }

  @Test
  void refusesAnythingThatCouldInjectAnotherDirective() {
    assertThatThrownBy(() -> FramePolicy.parse("ALLOW-FROM https://a; script-src *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an origin");
    assertThatThrownBy(() -> FramePolicy.parse("ALLOW-FROM"))
        .hasMessageContaining("names no origin");
    assertThatThrownBy(() -> FramePolicy.parse("everyone"))
        .hasMessageContaining("is not DENY, SAMEORIGIN or ALLOW-FROM");
  }
}
