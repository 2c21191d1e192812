package org.live110.simulator.gen;

import org.live110.model.Tier;
import org.live110.model.registry.County;

/**
 * One county's part of the year: its size, whether it lags, its featured product, its catalogue of
 * listed products, and the id counters used while the year is generated. Mutable, owned by one
 * generator.
 */
final class CountyPlan {
  final County county;
  final String code;
  final String shortName;
  final double weight;
  final boolean lagging;
  final int lagStartDay;
  final Names.Product product;

  /** Listed products sorted by listing time: time, price, shop number. */
  long[] productListedAt = new long[0];

  long[] productPriceFen = new long[0];
  int[] productShop = new int[0];
  int traineePool = 1;

  int nextOrder;
  int nextSession;
  int nextContent;
  int nextCourse;

  CountyPlan(
      County county, double weight, boolean lagging, int lagStartDay, Names.Product product) {
    this.county = county;
    this.code = county.code();
    this.shortName = Names.shortName(county.name());
    this.weight = weight;
    this.lagging = lagging;
    this.lagStartDay = lagStartDay;
    this.product = product;
  }

  boolean core() {
    return county.tier() == Tier.CORE;
  }

  boolean lagging() {
    return lagging;
  }

  int lagStartDay() {
    return lagStartDay;
  }

  Names.Product product() {
    return product;
  }

  String id(String prefix, long n) {
    return prefix + code + "-" + Long.toString(n, 36);
  }

  /** Average listed price, the basis of the expected order value. */
  double averagePriceFen() {
    if (productPriceFen.length == 0) {
      return 5_000;
    }
    double sum = 0;
    for (long p : productPriceFen) {
      sum += p;
    }
    return sum / productPriceFen.length;
  }

  /** How many products are listed at a time (binary search over the sorted listing times). */
  int listedBy(long time) {
    int lo = 0;
    int hi = productListedAt.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (productListedAt[mid] <= time) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
