package org.live110.simulator.gen;

import java.util.List;
import java.util.Random;

/**
 * Realistic Chinese text for the year: featured products with their harvest month and price range,
 * livestream titles, enterprise and product names, platforms.
 */
final class Names {
  /** A county's featured agricultural product. */
  record Product(String name, int harvestMonth, int minPriceCny, int maxPriceCny, String[] specs) {}

  static final List<Product> PRODUCTS =
      List.of(
          new Product("苦荞茶", 9, 29, 89, new String[] {"250g", "500g礼盒", "15袋装"}),
          new Product("核桃", 9, 35, 128, new String[] {"500g", "1kg", "2.5kg礼盒"}),
          new Product("苹果", 10, 39, 99, new String[] {"5斤装", "10斤装", "12枚礼盒"}),
          new Product("花椒", 8, 25, 79, new String[] {"100g", "250g", "500g"}),
          new Product("红枣", 10, 29, 99, new String[] {"500g", "1kg", "2.5kg"}),
          new Product("高山茶叶", 4, 68, 298, new String[] {"100g", "250g礼盒", "500g"}),
          new Product("马铃薯", 9, 19, 49, new String[] {"5斤装", "10斤装"}),
          new Product("脐橙", 11, 39, 89, new String[] {"5斤装", "10斤装", "20枚礼盒"}),
          new Product("猕猴桃", 9, 39, 109, new String[] {"12枚", "24枚", "30枚礼盒"}),
          new Product("土蜂蜜", 7, 49, 168, new String[] {"500g", "1kg", "2瓶礼盒"}),
          new Product("牦牛肉干", 12, 69, 199, new String[] {"250g", "500g", "礼盒装"}),
          new Product("葡萄干", 8, 25, 69, new String[] {"500g", "1kg"}),
          new Product("小米", 9, 29, 79, new String[] {"2.5kg", "5kg"}),
          new Product("黑木耳", 8, 35, 99, new String[] {"250g", "500g"}),
          new Product("香菇", 10, 29, 89, new String[] {"250g", "500g"}),
          new Product("土鸡蛋", 5, 39, 79, new String[] {"30枚", "60枚"}),
          new Product("百香果", 8, 29, 69, new String[] {"3斤装", "5斤装"}),
          new Product("芒果", 6, 39, 99, new String[] {"5斤装", "10斤装"}),
          new Product("枸杞", 7, 39, 128, new String[] {"250g", "500g"}),
          new Product("羊肚菌", 3, 99, 399, new String[] {"50g", "100g礼盒"}),
          new Product("荞麦面", 9, 19, 49, new String[] {"1kg", "2.5kg"}),
          new Product("红薯粉条", 11, 19, 59, new String[] {"1kg", "2.5kg"}),
          new Product("山茶油", 11, 79, 268, new String[] {"500ml", "2.5L"}),
          new Product("石榴", 9, 39, 99, new String[] {"5斤装", "8枚礼盒"}),
          new Product("腊肉", 1, 59, 169, new String[] {"500g", "1kg"}),
          new Product("沃柑", 2, 29, 69, new String[] {"5斤装", "10斤装"}));

  static final List<String> CONTENT_PLATFORMS = List.of("今日头条", "抖音", "西瓜视频", "火山小视频", "中国农业信息网");
  static final List<String> LIVE_PLATFORMS = List.of("抖音", "西瓜视频", "火山小视频", "今日头条");
  static final List<String> SHOP_PLATFORMS = List.of("抖音小店", "今日头条放心购", "西瓜视频小店");

  private static final String[] TITLE_TEMPLATES = {
    "%s%s直播", "%s助农直播：%s产地直发", "山货上头条·%s%s专场", "山里DOU是好风光·%s%s", "扶贫达人带你逛%s：%s", "%s%s丰收节直播"
  };
  private static final String[] ENTERPRISE_TEMPLATES = {
    "%s%s种植专业合作社", "%s%s电子商务有限公司", "%s农特产品开发有限公司", "%s%s扶贫车间", "%s山货供销合作社"
  };

  private Names() {}

  /** "昭觉县" → "昭觉", "互助土族自治县" → "互助"; names that would become too short stay whole. */
  static String shortName(String countyName) {
    String s = countyName;
    for (String suffix : new String[] {"自治县", "县", "市", "旗", "区"}) {
      if (s.endsWith(suffix) && s.length() - suffix.length() >= 2) {
        s = s.substring(0, s.length() - suffix.length());
        break;
      }
    }
    for (String minority :
        new String[] {"土族", "彝族", "藏族", "回族", "苗族", "瑶族", "侗族", "土家族", "哈尼族", "傈僳族"}) {
      int i = s.indexOf(minority);
      if (i >= 2) {
        return s.substring(0, i);
      }
    }
    return s;
  }

  static String liveTitle(String shortName, Product product, Random rng) {
    String t = TITLE_TEMPLATES[rng.nextInt(TITLE_TEMPLATES.length)];
    return String.format(t, shortName, product.name());
  }

  static String enterprise(String shortName, Product product, int n) {
    String t = ENTERPRISE_TEMPLATES[n % ENTERPRISE_TEMPLATES.length];
    String name = String.format(t, shortName, product.name());
    return n < ENTERPRISE_TEMPLATES.length
        ? name
        : name + "（" + (n / ENTERPRISE_TEMPLATES.length + 1) + "）";
  }

  static String productName(String shortName, Product product, int n) {
    String spec = product.specs()[n % product.specs().length];
    String grade = n < product.specs().length ? "" : (n % 2 == 0 ? "精选" : "特级");
    return shortName + grade + product.name() + " " + spec;
  }

  static <T> T pick(List<T> list, Random rng) {
    return list.get(rng.nextInt(list.size()));
  }
}
