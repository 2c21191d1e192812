package org.live110.simulator;

import org.live110.model.Topics;
import picocli.CommandLine.Option;

/** The input topic names, as a picocli mixin; defaults are {@link Topics#DEFAULT}. */
public final class TopicOptions {
  @Option(names = "--topic-exposure", description = "default: ${DEFAULT-VALUE}")
  String exposure = Topics.DEFAULT.exposure();

  @Option(names = "--topic-livestream", description = "default: ${DEFAULT-VALUE}")
  String livestream = Topics.DEFAULT.livestream();

  @Option(names = "--topic-orders", description = "default: ${DEFAULT-VALUE}")
  String orders = Topics.DEFAULT.orders();

  @Option(names = "--topic-programme", description = "default: ${DEFAULT-VALUE}")
  String programme = Topics.DEFAULT.programme();

  /** The topics with these input names (output topic names stay the defaults). */
  public Topics topics() {
    Topics d = Topics.DEFAULT;
    return new Topics(
        exposure,
        livestream,
        orders,
        programme,
        d.deadLetter(),
        d.progress(),
        d.series(),
        d.sessions());
  }
}
