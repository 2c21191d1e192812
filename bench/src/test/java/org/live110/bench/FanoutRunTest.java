package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FanoutRunTest {
  @Test
  void readsTheLastUpdatedAtStampOfAProgressFrameTail() {
    String tail =
        "\"total\":3,\"byReason\":{}},\"updatedAt\":\"2026-11-29T13:20:01.250+08:00\",\"stale\":false}";
    assertThat(FanoutRun.stamp(tail))
        .isEqualTo(Instant.parse("2026-11-29T05:20:01.250Z").toEpochMilli());
  }

  @Test
  void aUtcStampIsReadToo() {
    assertThat(FanoutRun.stamp("\"updatedAt\":\"2026-11-29T05:20:01.250Z\"}"))
        .isEqualTo(Instant.parse("2026-11-29T05:20:01.250Z").toEpochMilli());
  }

  @Test
  void aFrameWithoutAStampOrWithANullStampGivesMinusOne() {
    assertThat(FanoutRun.stamp("{\"asOf\":null}")).isEqualTo(-1);
    assertThat(FanoutRun.stamp("\"updatedAt\":null,\"stale\":true}")).isEqualTo(-1);
    assertThat(FanoutRun.stamp("\"updatedAt\":\"2026-11-29T05:2")).isEqualTo(-1);
  }
}
