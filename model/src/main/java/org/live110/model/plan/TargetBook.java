package org.live110.model.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;
import org.live110.model.registry.County;
import org.live110.model.registry.CountyRegistry;
import org.live110.model.registry.RegistryException;

/**
 * The annual target of every KPI in every scope, derived from the plan's targets and the registry.
 *
 * <p>The rules, in one place:
 *
 * <ul>
 *   <li>A scope the plan names (a tier, or {@code all}) has the plan's figure.
 *   <li>A county has its registry override if any; otherwise the plan's figure for its tier (or for
 *       {@code all} when the plan sets the KPI campaign-wide), less the overrides in that scope,
 *       split evenly over the remaining counties: each gets the quotient and the first counties in
 *       registry order one unit more each, so the parts add up exactly to the figure.
 *   <li>A tier the plan sets no figure for, where the plan sets one campaign-wide: the sum of its
 *       counties' targets.
 *   <li>{@code all} where the plan sets figures per tier only: the sum of those tier figures.
 *   <li>Otherwise the scope has no target for that KPI.
 * </ul>
 */
public final class TargetBook implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The bundled plan targets. */
  public static final String PLAN_RESOURCE = "/org/live110/model/annual-targets.csv";

  private final List<AnnualTarget> planTargets;
  private final Map<String, Map<Kpi, Long>> byScope;

  private TargetBook(List<AnnualTarget> planTargets, Map<String, Map<Kpi, Long>> byScope) {
    this.planTargets = List.copyOf(planTargets);
    this.byScope = byScope;
  }

  /** The plan's 9 targets, applied to a registry. */
  public static TargetBook plan(CountyRegistry registry) {
    return of(planTargets(), registry);
  }

  /** The plan's 9 targets as data. */
  public static List<AnnualTarget> planTargets() {
    try (InputStream in = TargetBook.class.getResourceAsStream(PLAN_RESOURCE)) {
      if (in == null) {
        throw new RegistryException("bundled targets " + PLAN_RESOURCE + " are missing");
      }
      return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "annual-targets.csv");
    } catch (IOException e) {
      throw new RegistryException("cannot read bundled targets: " + e.getMessage(), e);
    }
  }

  /** Targets from a file of {@code scope,kpi,value} lines, replacing the plan's. */
  public static List<AnnualTarget> load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new RegistryException("targets file " + file + " does not exist or is not a file");
    }
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return parse(in, file.toString());
    } catch (IOException e) {
      throw new RegistryException("cannot read targets file " + file + ": " + e.getMessage(), e);
    }
  }

  static List<AnnualTarget> parse(Reader text, String source) throws IOException {
    List<AnnualTarget> targets = new ArrayList<>();
    boolean header = false;
    int lineNo = 0;
    BufferedReader in = new BufferedReader(text);
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String where = source + " line " + lineNo;
      if (!header) {
        if (!trimmed.equals("scope,kpi,value")) {
          throw new RegistryException(where + ": header must be scope,kpi,value");
        }
        header = true;
        continue;
      }
      String[] cells = trimmed.split(",", -1);
      if (cells.length != 3) {
        throw new RegistryException(where + ": expected 3 columns but found " + cells.length);
      }
      String scope = cells[0].strip();
      if (!scope.equals(Scopes.ALL)
          && !scope.equals(Tier.CORE.scope())
          && !scope.equals(Tier.RADIATING.scope())) {
        throw new RegistryException(
            where + ": scope '" + scope + "' is not all, tier:core or tier:radiating");
      }
      Kpi kpi =
          Kpi.byKey(cells[1].strip())
              .orElseThrow(
                  () -> new RegistryException(where + ": '" + cells[1] + "' is not a KPI name"));
      long value;
      try {
        value = Long.parseLong(cells[2].strip());
      } catch (NumberFormatException e) {
        throw new RegistryException(where + ": value '" + cells[2] + "' is not an integer");
      }
      if (value <= 0) {
        throw new RegistryException(where + ": value must be positive");
      }
      for (AnnualTarget t : targets) {
        if (t.scope().equals(scope) && t.kpi() == kpi) {
          throw new RegistryException(where + ": " + scope + " " + kpi.key() + " set twice");
        }
      }
      targets.add(new AnnualTarget(scope, kpi, value));
    }
    if (!header) {
      throw new RegistryException(source + ": no header line scope,kpi,value");
    }
    return targets;
  }

  /** Applies plan targets to a registry under the rules of this class. */
  public static TargetBook of(List<AnnualTarget> plan, CountyRegistry registry) {
    Map<String, Map<Kpi, Long>> scopes = new LinkedHashMap<>();
    scopes.put(Scopes.ALL, new EnumMap<>(Kpi.class));
    for (Tier tier : Tier.values()) {
      scopes.put(tier.scope(), new EnumMap<>(Kpi.class));
    }
    for (County c : registry.counties()) {
      scopes.put(c.scope(), new EnumMap<>(Kpi.class));
    }
    for (AnnualTarget t : plan) {
      scopes.get(t.scope()).put(t.kpi(), t.value());
    }
    for (Kpi kpi : Kpi.all()) {
      Long campaignWide = scopes.get(Scopes.ALL).get(kpi);
      boolean anyTier = false;
      for (Tier tier : Tier.values()) {
        Long tierTarget = scopes.get(tier.scope()).get(kpi);
        if (tierTarget != null) {
          anyTier = true;
          split(tierTarget, kpi, registry.inTier(tier), scopes);
        }
      }
      if (campaignWide != null && !anyTier) {
        split(campaignWide, kpi, registry.counties(), scopes);
        for (Tier tier : Tier.values()) {
          sumInto(tier.scope(), kpi, registry.inTier(tier), scopes);
        }
      }
      if (campaignWide == null && anyTier) {
        long sum = 0;
        for (Tier tier : Tier.values()) {
          sum += scopes.get(tier.scope()).getOrDefault(kpi, 0L);
        }
        scopes.get(Scopes.ALL).put(kpi, sum);
      }
      // Overrides stand even where the plan sets nothing for the county's scope.
      for (County c : registry.counties()) {
        Long own = c.targetOverrides().get(kpi);
        if (own != null) {
          scopes.get(c.scope()).put(kpi, own);
        }
      }
    }
    Map<String, Map<Kpi, Long>> frozen = new LinkedHashMap<>();
    scopes.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
    return new TargetBook(plan, Collections.unmodifiableMap(frozen));
  }

  private static void split(
      long total, Kpi kpi, List<County> counties, Map<String, Map<Kpi, Long>> scopes) {
    long remaining = total;
    List<County> even = new ArrayList<>();
    for (County c : counties) {
      Long own = c.targetOverrides().get(kpi);
      if (own != null) {
        remaining -= own;
      } else {
        even.add(c);
      }
    }
    if (even.isEmpty()) {
      return;
    }
    remaining = Math.max(remaining, 0);
    long each = remaining / even.size();
    long extra = remaining % even.size();
    for (int i = 0; i < even.size(); i++) {
      scopes.get(even.get(i).scope()).put(kpi, each + (i < extra ? 1 : 0));
    }
  }

  private static void sumInto(
      String scope, Kpi kpi, List<County> counties, Map<String, Map<Kpi, Long>> scopes) {
    long sum = 0;
    for (County c : counties) {
      Long own = c.targetOverrides().get(kpi);
      sum += own != null ? own : scopes.get(c.scope()).getOrDefault(kpi, 0L);
    }
    scopes.get(scope).put(kpi, sum);
  }

  /** The targets of one scope ({@code all}, {@code tier:core}, {@code county:622921}, ...). */
  public Map<Kpi, Long> targetsOf(String scope) {
    Map<Kpi, Long> m = byScope.get(scope);
    if (m == null) {
      throw new IllegalArgumentException("unknown scope " + scope);
    }
    return m;
  }

  /** The target of one KPI in one scope, or null when it has none. */
  public Long target(String scope, Kpi kpi) {
    return targetsOf(scope).get(kpi);
  }

  /** Every scope: all, both tiers, then each county in registry order. */
  public List<String> scopes() {
    return List.copyOf(byScope.keySet());
  }

  public List<AnnualTarget> planTargetsUsed() {
    return planTargets;
  }
}
