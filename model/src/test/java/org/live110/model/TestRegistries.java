package org.live110.model;

import java.io.StringReader;
import org.live110.model.registry.CountyRegistry;

/** Small registries for tests that need only a few counties (shared with other modules' tests). */
public final class TestRegistries {
  private TestRegistries() {}

  /**
   * The three counties of the contract's examples. Tiers differ from the bundled sample on purpose
   * (one core, two radiating) so tests see both tiers with three counties.
   */
  public static CountyRegistry examples() {
    String csv =
        """
        code,name,province,prefecture,tier,lon,lat
        622921,临夏县,甘肃省,临夏回族自治州,core,103.0,35.49
        513431,昭觉县,四川省,凉山彝族自治州,radiating,102.84,28.01
        653223,皮山县,新疆维吾尔自治区,和田地区,radiating,78.28,37.62
        """;
    return CountyRegistry.parse(new StringReader(csv), "examples", 0);
  }
}
