package org.live110.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacerTest {
  private static final long T0 = 1_546_272_000_000L; // 2019-01-01T00:00+08:00
  private static final long ONE_HOUR = 3_600_000L;

  @Test
  void oneCampaignHourTakesOneWallSecondAtSpeedup3600() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    Pacer pacer = new Pacer(3600, clock, () -> false);
    long start = clock.nanoTime();
    pacer.pace(T0);
    assertThat(clock.nanoTime()).isEqualTo(start);
    pacer.pace(T0 + ONE_HOUR);
    assertThat(clock.nanoTime() - start).isEqualTo(1_000_000_000L);
    pacer.pace(T0 + 3 * ONE_HOUR);
    assertThat(clock.nanoTime() - start).isEqualTo(3_000_000_000L);
  }

  @Test
  void aLateRecordGoesAtOnce() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    Pacer pacer = new Pacer(3600, clock, () -> false);
    pacer.pace(T0);
    pacer.pace(T0 + ONE_HOUR);
    long now = clock.nanoTime();
    pacer.pace(T0 + ONE_HOUR / 2);
    assertThat(clock.nanoTime()).isEqualTo(now);
  }

  @Test
  void maxSpeedNeverWaits() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    Pacer pacer = new Pacer(Double.POSITIVE_INFINITY, clock, () -> false);
    pacer.pace(T0);
    pacer.pace(T0 + 100 * ONE_HOUR);
    assertThat(clock.sleeps).isZero();
  }

  @Test
  void aStopRequestEndsALongWait() throws Exception {
    Years.FakeClock clock = new Years.FakeClock();
    Pacer pacer = new Pacer(1, clock, () -> clock.sleeps >= 3);
    pacer.pace(T0);
    pacer.pace(T0 + 1_000 * ONE_HOUR);
    assertThat(clock.sleeps).isEqualTo(3);
  }
}
