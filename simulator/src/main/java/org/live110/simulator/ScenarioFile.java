package org.live110.simulator;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;

/**
 * A scenario file: Java properties that override the defaults of a simulated year. Keys: {@code
 * events}; attainments {@code coreExposure, coreSales, radiatingShops, radiatingProducts,
 * radiatingSales, trainees, posts, reads, households}; {@code laggingCounties}; fault rates {@code
 * duplicate, paidTwice, outOfOrder, late, bad}; {@code tooLargeBytes}. An unknown key is an error.
 */
public final class ScenarioFile {
  private static final Set<String> KEYS =
      Set.of(
          "events",
          "coreExposure",
          "coreSales",
          "radiatingShops",
          "radiatingProducts",
          "radiatingSales",
          "trainees",
          "posts",
          "reads",
          "households",
          "laggingCounties",
          "duplicate",
          "paidTwice",
          "outOfOrder",
          "late",
          "bad",
          "tooLargeBytes");

  private ScenarioFile() {}

  /** Applies a scenario file to options. */
  public static SimulationOptions apply(Path file, SimulationOptions base) throws IOException {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    for (String key : p.stringPropertyNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(file + ": unknown scenario key '" + key + "'");
      }
    }
    Scenario s = base.scenario();
    Scenario scenario =
        new Scenario(
            d(p, "coreExposure", s.coreExposure()),
            d(p, "coreSales", s.coreSales()),
            d(p, "radiatingShops", s.radiatingShops()),
            d(p, "radiatingProducts", s.radiatingProducts()),
            d(p, "radiatingSales", s.radiatingSales()),
            d(p, "trainees", s.trainees()),
            d(p, "posts", s.posts()),
            d(p, "reads", s.reads()),
            d(p, "households", s.households()),
            (int) d(p, "laggingCounties", s.laggingCounties()));
    FaultRates f = base.faults();
    FaultRates faults =
        new FaultRates(
            d(p, "duplicate", f.duplicate()),
            d(p, "paidTwice", f.paidTwice()),
            d(p, "outOfOrder", f.outOfOrder()),
            d(p, "late", f.late()),
            d(p, "bad", f.bad()),
            (int) d(p, "tooLargeBytes", f.tooLargeBytes()));
    return base.withScenario(scenario)
        .withFaults(faults)
        .withEvents((long) d(p, "events", base.events()));
  }

  private static double d(Properties p, String key, double fallback) {
    String v = p.getProperty(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scenario key " + key + ": '" + v + "' is not a number");
    }
  }
}
