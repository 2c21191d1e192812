package org.live110.reliability.support;

import java.time.Duration;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The MiniCluster the job tests share: one TaskManager, two slots (the job's parallelism). */
public final class MiniClusters {
  private MiniClusters() {}

  public static MiniClusterExtension twoSlots() {
    Configuration c = new Configuration();
    // Operator metrics (dedupExpired, lateEvents) are read over REST; fetch them promptly.
    c.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
    return new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setConfiguration(c)
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());
  }
}
