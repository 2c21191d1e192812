package org.live110.simulator;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records to a JSON-lines file: each record's exact value bytes, then {@code '\n'}. A bad
 * record that is not UTF-8 is written as its raw bytes; no record contains a newline, so each stays
 * one line. Topic and key are not written: {@link Routing} recovers them on replay.
 */
public final class JsonLinesSink implements Sink {
  private final OutputStream out;
  private long written;

  public JsonLinesSink(OutputStream out) {
    this.out = new BufferedOutputStream(out, 1 << 20);
  }

  /** Creates (or truncates) a file. */
  public static JsonLinesSink create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new JsonLinesSink(Files.newOutputStream(file));
  }

  @Override
  public void send(SimRecord record) throws IOException {
    byte[] v = record.value();
    for (byte b : v) {
      if (b == '\n') {
        throw new IOException("a record contains a newline and cannot be one line");
      }
    }
    out.write(v);
    out.write('\n');
    written++;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public long acknowledged() {
    return written;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
