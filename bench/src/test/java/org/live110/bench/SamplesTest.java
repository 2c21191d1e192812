package org.live110.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SamplesTest {
  private static final double[] ONE_TO_THOUSAND = new double[1000];

  static {
    for (int i = 0; i < 1000; i++) {
      ONE_TO_THOUSAND[999 - i] = i + 1; // reversed: order statistics must not depend on input order
    }
  }

  @Test
  void percentilesAreNearestRankOfTheExactSort() {
    Samples s = Samples.of(ONE_TO_THOUSAND);
    assertThat(s.percentile(50)).isEqualTo(500);
    assertThat(s.percentile(99)).isEqualTo(990);
    assertThat(s.percentile(99.9)).isEqualTo(999);
    assertThat(s.percentile(100)).isEqualTo(1000);
    assertThat(s.min()).isEqualTo(1);
    assertThat(s.max()).isEqualTo(1000);
  }

  @Test
  void medianOfAnEvenCountIsTheMeanOfTheMiddlePair() {
    assertThat(Samples.of(4, 1, 3, 2).median()).isEqualTo(2.5);
    assertThat(Samples.of(List.of(3, 1, 2)).median()).isEqualTo(2);
  }

  @Test
  void spreadIsTheRangeOverTheMedian() {
    assertThat(Samples.of(90, 100, 110).relativeSpread()).isEqualTo(0.2);
    assertThat(Samples.of(100).relativeSpread()).isZero();
  }

  @Test
  void noSamplesGiveNaNNotAnError() {
    Samples none = Samples.of();
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.percentile(99)).isNaN();
    assertThat(none.median()).isNaN();
  }
}
