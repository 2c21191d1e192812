package org.live110.model.registry;

import java.io.Serializable;
import java.util.Map;
import org.live110.model.Kpi;
import org.live110.model.Scopes;
import org.live110.model.Tier;

/**
 * One campaign county.
 *
 * @param code 6-digit administrative division code
 * @param lon longitude of the county seat (for the map)
 * @param lat latitude of the county seat
 * @param targetOverrides annual targets set for this county by the registry file, replacing the
 *     even split of its tier's target; usually empty
 */
public record County(
    String code,
    String name,
    String province,
    String prefecture,
    Tier tier,
    double lon,
    double lat,
    Map<Kpi, Long> targetOverrides)
    implements Serializable {

  public County {
    targetOverrides = Map.copyOf(targetOverrides);
  }

  public String scope() {
    return Scopes.county(code);
  }
}
