package org.live110.simulator;

/**
 * The story of the year: how close each of the plan's nine targets ends at the default size
 * (attainment 1.0 = exactly the target; above = met, below = missed), and how many counties lag.
 * The figures are expectations: the random year lands near them, not on them.
 */
public record Scenario(
    double coreExposure,
    double coreSales,
    double radiatingShops,
    double radiatingProducts,
    double radiatingSales,
    double trainees,
    double posts,
    double reads,
    double households,
    int laggingCounties) {

  /** Some targets met, some missed; eight counties lag. */
  public static final Scenario DEFAULT =
      new Scenario(1.07, 0.93, 1.10, 0.95, 1.04, 1.12, 0.96, 1.05, 1.02, 8);

  public Scenario {
    for (double a :
        new double[] {
          coreExposure,
          coreSales,
          radiatingShops,
          radiatingProducts,
          radiatingSales,
          trainees,
          posts,
          reads,
          households
        }) {
      if (!(a > 0 && a <= 10)) {
        throw new IllegalArgumentException("attainment must be within (0, 10], not " + a);
      }
    }
    if (laggingCounties < 0) {
      throw new IllegalArgumentException("laggingCounties must not be negative");
    }
  }
}
