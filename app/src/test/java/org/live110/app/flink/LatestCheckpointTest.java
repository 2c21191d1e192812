package org.live110.app.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatestCheckpointTest {

  private static final String EARLIER_RUN = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";
  private static final String LATER_RUN = "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b";

  @TempDir Path root;

  @Test
  void nothingToResumeFromInAnEmptyOrMissingDirectory() {
    assertThat(LatestCheckpoint.find(root)).isEmpty();
    assertThat(LatestCheckpoint.find(root.resolve("missing"))).isEmpty();
  }

  @Test
  void picksTheHighestCompletedCheckpointAcrossRuns() throws IOException {
    completed(EARLIER_RUN, 7);
    completed(LATER_RUN, 12);
    completed(LATER_RUN, 11);
    assertThat(LatestCheckpoint.find(root)).contains(root.resolve(LATER_RUN).resolve("chk-12"));
  }

  @Test
  void skipsACheckpointThatWasInFlightWhenTheProcessDied() throws IOException {
    completed(LATER_RUN, 4);
    Files.createDirectories(root.resolve(LATER_RUN).resolve("chk-5"));
    assertThat(LatestCheckpoint.find(root)).contains(root.resolve(LATER_RUN).resolve("chk-4"));
  }

  @Test
  void skipsMetadataCutShortByAKillAndFallsBackToTheOlderCheckpoint() throws IOException {
    completed(LATER_RUN, 8);
    Path torn = Files.createDirectories(root.resolve(LATER_RUN).resolve("chk-9"));
    Files.write(torn.resolve("_metadata"), new byte[] {0x4a, 0x1f});
    assertThat(LatestCheckpoint.candidates(root)).hasSize(2);
    assertThat(LatestCheckpoint.find(root)).contains(root.resolve(LATER_RUN).resolve("chk-8"));
  }

  private void completed(String job, long id) throws IOException {
    Path dir = Files.createDirectories(root.resolve(job).resolve("chk-" + id));
    try (OutputStream out = Files.newOutputStream(dir.resolve("_metadata"))) {
      Checkpoints.storeCheckpointMetadata(new CheckpointMetadata(id, List.of(), List.of()), out);
    }
  }
}
