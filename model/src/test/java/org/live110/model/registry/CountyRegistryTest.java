package org.live110.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.live110.model.Kpi;
import org.live110.model.Tier;

class CountyRegistryTest {
  private static final String HEADER = "code,name,province,prefecture,tier,lon,lat\n";
  private static final String LINXIA = "622921,临夏县,甘肃省,临夏回族自治州,core,103.0,35.49\n";
  private static final String ZHAOJUE = "513431,昭觉县,四川省,凉山彝族自治州,radiating,102.84,28.01\n";

  @Test
  void theSampleHas110CountiesTenOfThemCore() {
    CountyRegistry sample = CountyRegistry.sample();
    assertThat(sample.size()).isEqualTo(110);
    assertThat(sample.inTier(Tier.CORE)).hasSize(10);
    assertThat(sample.inTier(Tier.RADIATING)).hasSize(100);
    assertThat(sample.find("622921").orElseThrow().name()).isEqualTo("临夏县");
    assertThat(sample.find("513431").orElseThrow().name()).isEqualTo("昭觉县");
    assertThat(sample.find("653223").orElseThrow().name()).isEqualTo("皮山县");
    for (County c : sample.counties()) {
      // every county seat lies in China (for the map)
      assertThat(c.lon()).as(c.name()).isBetween(73.0, 135.5);
      assertThat(c.lat()).as(c.name()).isBetween(18.0, 54.0);
    }
  }

  @Test
  void loadsAFileWithCommentsAndTargetOverrides(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("official.csv");
    Files.writeString(
        file,
        "# official list\ncode,name,province,prefecture,tier,lon,lat,salesFen,shops\n"
            + "622921,临夏县,甘肃省,临夏回族自治州,core,103.0,35.49,90000000,\n"
            + "513431,昭觉县,四川省,凉山彝族自治州,radiating,102.84,28.01,,3\n");
    CountyRegistry reg = CountyRegistry.load(file, 2);
    assertThat(reg.find("622921").orElseThrow().targetOverrides())
        .isEqualTo(Map.of(Kpi.SALES_FEN, 90_000_000L));
    assertThat(reg.find("513431").orElseThrow().targetOverrides()).isEqualTo(Map.of(Kpi.SHOPS, 3L));
    assertThat(reg.tierOf("513431")).isEqualTo(Tier.RADIATING);
  }

  @Test
  void aDuplicateCodeNamesBothLines() {
    assertThatThrownBy(() -> parse(HEADER + LINXIA + ZHAOJUE + LINXIA, 0))
        .isInstanceOf(RegistryException.class)
        .hasMessage("test.csv line 4: county code 622921 already used on line 2");
  }

  @Test
  void eachBrokenFieldNamesItsLine() {
    assertThatThrownBy(() -> parse(HEADER + LINXIA + "51343,昭觉县,四川省,凉山州,radiating,102.8,28.0\n", 0))
        .hasMessage("test.csv line 3: code '51343' is not 6 digits");
    assertThatThrownBy(() -> parse(HEADER + "513431,昭觉县,四川省,凉山州,gold,102.8,28.0\n", 0))
        .hasMessage("test.csv line 2: tier 'gold' is not 'core' or 'radiating'");
    assertThatThrownBy(() -> parse(HEADER + "513431,昭觉县,四川省,凉山州,core,102.8\n", 0))
        .hasMessage("test.csv line 2: expected 7 columns but found 6");
    assertThatThrownBy(() -> parse(HEADER + "513431,昭觉县,四川省,凉山州,core,east,28.0\n", 0))
        .hasMessageStartingWith("test.csv line 2: lon 'east' is not a number");
    assertThatThrownBy(() -> parse(HEADER + "513431,,四川省,凉山州,core,102.8,28.0\n", 0))
        .hasMessage("test.csv line 2: name is empty");
    assertThatThrownBy(() -> parse("code,name,tier\n", 0))
        .hasMessageStartingWith("test.csv line 1: header must start with");
  }

  @Test
  void theCountMustBe110UnlessToldOtherwise() {
    assertThatThrownBy(() -> parse(HEADER + LINXIA + ZHAOJUE, 110))
        .hasMessage("test.csv: expected 110 counties but found 2");
    assertThat(parse(HEADER + LINXIA + ZHAOJUE, 0).size()).isEqualTo(2);
  }

  @Test
  void aMissingFileIsAClearError(@TempDir Path dir) {
    assertThatThrownBy(() -> CountyRegistry.load(dir.resolve("nope.csv")))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("nope.csv does not exist");
  }

  @Test
  void bytesThatAreNotUtf8AreRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("latin1.csv");
    byte[] text =
        (HEADER + "513431,Zhaoju\u00e9,SC,LS,core,102.8,28.0\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Files.write(file, text);
    assertThatThrownBy(() -> CountyRegistry.load(file, 0))
        .isInstanceOf(RegistryException.class)
        .hasMessageContaining("line 2");
  }

  private static CountyRegistry parse(String csv, int expected) {
    return CountyRegistry.parse(new StringReader(csv), "test.csv", expected);
  }
}
