package org.live110.bench;

import java.util.ArrayList;
import java.util.List;
import org.live110.kafka.TopicSpec;
import org.live110.model.Topics;

/**
 * Topic names and specs of the bench. The preloaded input topics are shared by every run of one
 * bench; each run writes its outputs (progress, dead letters, series, sessions) to topics of its
 * own, so a run's drain detection never sees an earlier run's snapshots.
 */
public final class BenchTopics {
  /** Partitions per input topic, as in the campaign layout (inputs have 2 partitions). */
  public static final int INPUT_PARTITIONS = 2;

  private BenchTopics() {}

  /**
   * The default input topics with outputs renamed for one run, e.g. {@code campaign.progress.r1}.
   */
  public static Topics forRun(Topics inputs, String run) {
    return new Topics(
        inputs.exposure(),
        inputs.livestream(),
        inputs.orders(),
        inputs.programme(),
        inputs.deadLetter() + "." + run,
        inputs.progress() + "." + run,
        inputs.series() + "." + run,
        inputs.sessions() + "." + run);
  }

  /** Every topic of a fresh set of names with the given prefix (the latency run's own inputs). */
  public static Topics prefixed(String prefix) {
    Topics d = Topics.DEFAULT;
    return new Topics(
        prefix + d.exposure(),
        prefix + d.livestream(),
        prefix + d.orders(),
        prefix + d.programme(),
        prefix + d.deadLetter(),
        prefix + d.progress(),
        prefix + d.series(),
        prefix + d.sessions());
  }

  /** Input topics: retained forever (events are stamped 2019; time retention would delete them). */
  public static List<TopicSpec> inputSpecs(Topics t) {
    List<TopicSpec> specs = new ArrayList<>();
    for (String name : t.inputs()) {
      specs.add(TopicSpec.retainForever(name, INPUT_PARTITIONS));
    }
    return specs;
  }

  /** Output topics of one run: dead letters kept, progress and sessions compacted. */
  public static List<TopicSpec> outputSpecs(Topics t) {
    return List.of(
        TopicSpec.retainForever(t.deadLetter(), INPUT_PARTITIONS),
        TopicSpec.compacted(t.progress(), 1),
        TopicSpec.retainForever(t.series(), 1),
        TopicSpec.compacted(t.sessions(), 1));
  }
}
