package org.live110.app.demo;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.app.LauncherException;
import org.live110.dashboard.DashboardConfig;
import org.live110.dashboard.DashboardServer;
import org.live110.dashboard.DashboardStartException;
import org.live110.dashboard.SimulatorControl;
import org.live110.jobs.JobConfig;
import org.live110.jobs.ProgressJob;
import org.live110.kafka.CampaignTopicLayout;
import org.live110.kafka.TopicSpec;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.plan.TargetBook;
import org.live110.model.registry.CountyRegistry;

/**
 * The real parts of the demo, from the {@code stream-jobs}, {@code dashboard} and {@code simulator}
 * modules, all in this JVM.
 */
public final class ModuleParts implements DemoParts {

  @Override
  public List<TopicSpec> topics(DemoConfig config) {
    List<TopicSpec> specs = new ArrayList<>(CampaignTopicLayout.specs(config.topics()));
    // the simulator's position, written in the same transactions as its records
    specs.add(TopicSpec.compacted(DemoSimulator.POSITION_TOPIC, 1));
    return specs;
  }

  @Override
  public void buildJob(StreamExecutionEnvironment env, DemoConfig config, String bootstrapServers) {
    ProgressJob.buildKafkaPipeline(env, jobConfig(config, bootstrapServers));
  }

  /** The stream job's configuration in the demo: the demo's broker, topics, files and pace. */
  static JobConfig jobConfig(DemoConfig config, String bootstrapServers) {
    return JobConfig.builder()
        .bootstrapServers(bootstrapServers)
        .topics(config.topics())
        .groupId(DemoConfig.JOB_GROUP_ID)
        .parallelism(config.parallelism())
        .checkpointInterval(config.checkpointInterval())
        .registryFile(config.registry().orElse(null))
        .targetsFile(config.targets().orElse(null))
        .year(config.year())
        .build();
  }

  @Override
  public AutoCloseable startDashboard(
      DemoConfig config, String bootstrapServers, SimulatorControl simulator) {
    CountyRegistry registry = config.counties();
    TargetBook targets =
        config
            .targets()
            .map(file -> TargetBook.of(TargetBook.load(file), registry))
            .orElseGet(() -> TargetBook.plan(registry));
    DashboardConfig dashboard =
        DashboardConfig.builder()
            .port(config.dashboardPort())
            .host(config.bindHost())
            .bootstrapServers(bootstrapServers)
            .topics(config.topics())
            .adminToken(config.adminToken().orElse(null))
            .build();
    try {
      return DashboardServer.start(
          dashboard, registry, targets, new CampaignCalendar(config.year()), simulator);
    } catch (DashboardStartException e) {
      throw new LauncherException(e.getMessage(), e);
    }
  }

  @Override
  public DemoSimulatorControl simulator(
      DemoConfig config, DemoConfig.SimulatorSettings settings, String bootstrapServers) {
    return new DemoSimulatorControl(() -> DemoSimulator.start(config, settings, bootstrapServers));
  }
}
