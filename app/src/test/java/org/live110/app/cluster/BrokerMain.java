package org.live110.app.cluster;

import java.nio.file.Path;
import org.live110.kafka.CampaignTopicLayout;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.EmbeddedKafkaConfig;
import org.live110.model.Topics;

/**
 * A Kafka broker in its own JVM for the standalone-cluster test: starts the embedded broker on a
 * free port with the given log directory, creates the campaign topics, prints {@code BOOTSTRAP
 * <host:port>} and runs until killed or until its standard input closes.
 */
public final class BrokerMain {

  private BrokerMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(EmbeddedKafkaConfig.builder(Path.of(args[0])).port(0).build())
            .start();
    broker.createTopics(CampaignTopicLayout.specs(Topics.DEFAULT));
    System.out.println("BOOTSTRAP " + broker.bootstrapServers());
    System.out.flush();
    // the parent test closing our stdin (or dying) is the signal to stop
    while (System.in.read() >= 0) {
      // ignore input
    }
    broker.close();
    System.exit(0);
  }
}
