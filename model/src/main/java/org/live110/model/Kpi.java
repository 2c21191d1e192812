package org.live110.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The campaign's key figures, with their wire names exactly as in the event contract (EVENTS.md,
 * "How the KPIs are counted"). Defined once here; every module refers to these names.
 */
public enum Kpi {
  EXPOSURE("exposure", "品牌曝光量"),
  READS("reads", "阅读量"),
  POSTS("posts", "扶贫类信息"),
  SALES_FEN("salesFen", "网络销售额"),
  ORDERS("orders", "订单数"),
  SHOPS("shops", "上线开店企业"),
  PRODUCTS("products", "上线产品及规格"),
  TRAINEES("trainees", "培训学员"),
  HOUSEHOLDS("households", "惠及贫困户"),
  LIVESTREAMS("livestreams", "直播场次");

  private static final List<Kpi> ALL = List.of(values());

  private final String key;
  private final String chineseName;

  Kpi(String key, String chineseName) {
    this.key = key;
    this.chineseName = chineseName;
  }

  /** The name used in JSON, CSV and the API. */
  public String key() {
    return key;
  }

  public String chineseName() {
    return chineseName;
  }

  /**
   * Whether the total can only grow. Net sales fall when a refund arrives; every other KPI is a
   * count of distinct ids or a sum of non-negative increments.
   */
  public boolean neverDecreases() {
    return this != SALES_FEN;
  }

  public static List<Kpi> all() {
    return ALL;
  }

  public static Optional<Kpi> byKey(String key) {
    return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
  }
}
