package org.live110.app.flink;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the checkpoint a restarted demo resumes from: the newest completed checkpoint retained
 * under a Flink checkpoint directory ({@code <dir>/<jobId>/chk-<n>/_metadata}).
 *
 * <p>Input: the checkpoint root directory. Output: the {@code chk-<n>} directory to pass as {@code
 * execution.state-recovery.path}, or empty when nothing usable is there (first start). A directory
 * without {@code _metadata} is a checkpoint that was in flight when the process died; one whose
 * {@code _metadata} cannot be read back (cut short by a kill during the write) is skipped in favour
 * of the next older one, so a crash at any moment leaves something to resume from.
 */
public final class LatestCheckpoint {

  private static final Logger LOG = LoggerFactory.getLogger(LatestCheckpoint.class);
  private static final Pattern CHK = Pattern.compile("chk-(\\d+)");
  static final String METADATA = "_metadata";

  private LatestCheckpoint() {}

  /** A retained checkpoint directory and its number. */
  public record Candidate(Path directory, long number, long modifiedMillis) {}

  /**
   * The newest readable completed checkpoint under {@code checkpointRoot}, if any.
   *
   * <p>Newest means highest checkpoint number first: Flink continues the numbering of the
   * checkpoint a job was restored from, so numbers grow across restarts, while job ids do not sort.
   * Modification time breaks ties.
   */
  public static Optional<Path> find(Path checkpointRoot) {
    for (Candidate candidate : candidates(checkpointRoot)) {
      if (readable(candidate.directory().resolve(METADATA))) {
        return Optional.of(candidate.directory());
      }
      LOG.warn(
          "Skipping checkpoint {}: its metadata cannot be read (written when the process died?)",
          candidate.directory());
    }
    return Optional.empty();
  }

  /** Every {@code chk-<n>} directory with a metadata file, newest first. */
  public static List<Candidate> candidates(Path checkpointRoot) {
    List<Candidate> found = new ArrayList<>();
    if (!Files.isDirectory(checkpointRoot)) {
      return found;
    }
    try (Stream<Path> jobs = Files.list(checkpointRoot)) {
      for (Path job : (Iterable<Path>) jobs::iterator) {
        if (!Files.isDirectory(job)) {
          continue;
        }
        try (Stream<Path> checkpoints = Files.list(job)) {
          for (Path chk : (Iterable<Path>) checkpoints::iterator) {
            Matcher m = CHK.matcher(chk.getFileName().toString());
            Path metadata = chk.resolve(METADATA);
            if (m.matches() && Files.isRegularFile(metadata)) {
              found.add(
                  new Candidate(
                      chk,
                      Long.parseLong(m.group(1)),
                      Files.getLastModifiedTime(metadata).toMillis()));
            }
          }
        }
      }
    } catch (IOException e) {
      // a directory vanishing under us (Flink subsuming a checkpoint) only means fewer candidates
      LOG.warn("Cannot fully list checkpoints under {}: {}", checkpointRoot, e.toString());
    }
    found.sort(
        Comparator.comparingLong(Candidate::number)
            .thenComparingLong(Candidate::modifiedMillis)
            .reversed());
    return found;
  }

  private static boolean readable(Path metadata) {
    try (InputStream in = Files.newInputStream(metadata);
        DataInputStream data = new DataInputStream(in)) {
      Checkpoints.loadCheckpointMetadata(
          data, LatestCheckpoint.class.getClassLoader(), metadata.getParent().toString());
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
