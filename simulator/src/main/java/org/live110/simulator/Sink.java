package org.live110.simulator;

import java.io.IOException;

/** Where produced records go: a JSON-lines file, Kafka, or a test's list. */
public interface Sink extends AutoCloseable {
  /** Sends one record; may buffer. */
  void send(SimRecord record) throws IOException;

  /** Makes every record sent so far durable (written, or acknowledged by the broker). */
  void flush() throws IOException;

  /** Records acknowledged as durable so far (for resuming an interrupted run). */
  long acknowledged();

  @Override
  void close() throws IOException;
}
