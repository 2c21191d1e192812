package org.live110.bench;

import org.live110.model.Topics;

/** A running dashboard the bench's SSE clients connect to. */
public interface RunningDashboard extends AutoCloseable {
  /** The HTTP port on localhost. */
  int port();

  /** Starts a dashboard following the output topics of {@code topics} on the given broker. */
  @FunctionalInterface
  interface Starter {
    RunningDashboard start(String bootstrapServers, Topics topics, int maxClientsPerAddress)
        throws Exception;
  }
}
