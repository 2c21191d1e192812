package org.live110.simulator;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.live110.model.Topics;

/**
 * Writes a recorded JSON-lines file back out, line by line, keeping the relative timing of the
 * event times at the pacer's speed-up. Each line goes to the topic its {@code type} belongs to
 * ({@link Routing}); a line that is not a valid event is sent all the same (to its type's topic or
 * the fallback topic) so that the job dead-letters it as it would live. Pacing follows the running
 * maximum of the event times read so far: a late line or one without a readable time goes at once.
 * Empty lines are not records and are skipped.
 */
public final class Replayer {
  private final Topics topics;
  private final Pacer pacer;
  private final BooleanSupplier stopped;

  public Replayer(Topics topics, Pacer pacer, BooleanSupplier stopped) {
    this.topics = topics;
    this.pacer = pacer;
    this.stopped = stopped;
  }

  /** Replays a file; returns the number of records sent. */
  public long replay(Path file, Sink sink) throws IOException, InterruptedException {
    try (InputStream in = Files.newInputStream(file)) {
      return replay(in, sink);
    }
  }

  /** Replays a stream of lines; returns the number of records sent (the sink is flushed). */
  public long replay(InputStream input, Sink sink) throws IOException, InterruptedException {
    InputStream in = new BufferedInputStream(input, 1 << 20);
    ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    long sent = 0;
    int b;
    while (!stopped.getAsBoolean()) {
      b = in.read();
      if (b == '\n' || b == -1) {
        if (line.size() > 0) {
          sendLine(line.toByteArray(), sink);
          sent++;
          line.reset();
        }
        if (b == -1) {
          break;
        }
      } else {
        line.write(b);
      }
    }
    sink.flush();
    return sent;
  }

  private void sendLine(byte[] value, Sink sink) throws IOException, InterruptedException {
    long eventTime = Routing.eventTimeOf(value);
    pacer.pace(eventTime);
    sink.send(
        new SimRecord(
            Routing.topicOf(value, topics), Routing.keyOf(value), value, eventTime, Fault.NONE));
  }
}
