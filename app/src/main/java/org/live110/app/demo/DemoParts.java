package org.live110.app.demo;

import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.dashboard.SimulatorControl;
import org.live110.kafka.TopicSpec;

/**
 * The parts the demo assembles, each from its own module: the topic layout, the stream job's Kafka
 * pipeline, the dashboard and the simulator. {@link ModuleParts} wires the real modules; tests
 * substitute small stand-ins to check the demo's own lifecycle.
 */
public interface DemoParts {

  /** Every topic the demo's broker must have, with partitions and retention. */
  List<TopicSpec> topics(DemoConfig config);

  /** Adds the stream job's sources, operators and sinks (reading {@code bootstrapServers}). */
  void buildJob(StreamExecutionEnvironment env, DemoConfig config, String bootstrapServers);

  /**
   * Starts the dashboard on {@code config.dashboardPort()}, its admin endpoints driving {@code
   * simulator}; closing the result stops it.
   */
  AutoCloseable startDashboard(
      DemoConfig config, String bootstrapServers, SimulatorControl simulator);

  /**
   * A control that starts the simulator in the background, continuing from where a previous run on
   * the same data directory stopped; closing it stops the simulator and records its position.
   */
  DemoSimulatorControl simulator(
      DemoConfig config, DemoConfig.SimulatorSettings settings, String bootstrapServers);
}
