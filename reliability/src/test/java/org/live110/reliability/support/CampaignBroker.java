package org.live110.reliability.support;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.live110.kafka.CampaignTopicLayout;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Topics;

/**
 * An embedded KRaft broker with the campaign's topic layout ({@link CampaignTopicLayout}), on a
 * port fixed at construction so that a restarted broker on the same log directory is found again by
 * clients that already hold the address (the job's sources and sinks reconnect by themselves).
 */
public final class CampaignBroker implements AutoCloseable {
  private final EmbeddedKafkaConfig config;
  private EmbeddedKafkaBroker broker;
  private int restarts;

  /** Picks a free port now; {@link #start()} binds it. */
  public CampaignBroker(Path logDir) {
    this.config = EmbeddedKafkaConfig.builder(logDir).port(freePort()).build();
  }

  /** A port nobody listens on at the moment of the call. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("no free port", e);
    }
  }

  /** Starts the broker and declares every campaign topic (existing ones are kept as they are). */
  public synchronized CampaignBroker start() {
    broker = new EmbeddedKafkaBroker(config).start();
    broker.createTopics(CampaignTopicLayout.specs(Topics.DEFAULT));
    return this;
  }

  /** Stops the broker (clients see it vanish) and starts a new one on the same port and data. */
  public synchronized void restart() {
    broker.close();
    broker = new EmbeddedKafkaBroker(config).start();
    restarts++;
  }

  /** Stops the broker without starting it again. */
  public synchronized void stop() {
    broker.close();
  }

  /** Starts again after {@link #stop()}. */
  public synchronized void startAgain() {
    broker = new EmbeddedKafkaBroker(config).start();
    restarts++;
  }

  public String bootstrapServers() {
    return config.host() + ":" + config.port();
  }

  public int restarts() {
    return restarts;
  }

  @Override
  public synchronized void close() {
    if (broker != null) {
      broker.close();
    }
  }
}
