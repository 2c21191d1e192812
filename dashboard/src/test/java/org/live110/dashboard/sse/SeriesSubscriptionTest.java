package org.live110.dashboard.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesSubscriptionTest {
  private static final List<String> SCOPES =
      List.of("all", "tier:core", "tier:radiating", "county:622921", "county:513431");

  @Test
  void absentIsEveryScopeAndNoneIsNone() {
    SeriesSubscription every = SeriesSubscription.parse(null, SCOPES);
    assertThat(every).isEqualTo(SeriesSubscription.EVERY_SCOPE);
    assertThat(every.includes("county:513431")).isTrue();
    assertThat(every.key()).isEqualTo("*");
    SeriesSubscription none = SeriesSubscription.parse("none", SCOPES);
    assertThat(none).isEqualTo(SeriesSubscription.NONE);
    assertThat(none.includes("all")).isFalse();
    assertThat(none.key()).isEqualTo("none");
  }

  @Test
  void scopesAreNormalizedToCanonicalOrderWithoutRepeats() {
    SeriesSubscription a = SeriesSubscription.parse("county:513431,all,tier:core,all", SCOPES);
    SeriesSubscription b = SeriesSubscription.parse("all,tier:core,county:513431", SCOPES);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.scopes()).containsExactly("all", "tier:core", "county:513431");
    assertThat(a.key()).isEqualTo("all,tier:core,county:513431");
    assertThat(a.includes("tier:core")).isTrue();
    assertThat(a.includes("tier:radiating")).isFalse();
  }

  @Test
  void badValuesAreRefusedWithAMessageNamingThem() {
    assertThatThrownBy(() -> SeriesSubscription.parse("all,county:1", SCOPES))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "series: unknown scope 'county:1' (all, tier:core, tier:radiating, county:<code>, or"
                + " none)");
    assertThatThrownBy(() -> SeriesSubscription.parse("all,", SCOPES))
        .hasMessage("series: empty scope in 'all,' (scopes separated by one comma)");
    assertThatThrownBy(() -> SeriesSubscription.parse("ALL", SCOPES))
        .hasMessageStartingWith("series: unknown scope 'ALL'");
    assertThatThrownBy(() -> SeriesSubscription.parse("x".repeat(100), SCOPES))
        .hasMessageStartingWith("series: unknown scope '" + "x".repeat(64) + "…'");
    assertThatThrownBy(() -> SeriesSubscription.parse("all,".repeat(16) + "all", SCOPES))
        .hasMessage("series: at most 16 scopes, got 17");
    assertThat(SeriesSubscription.parse("all,".repeat(15) + "all", SCOPES).scopes())
        .containsExactly("all");
  }
}
