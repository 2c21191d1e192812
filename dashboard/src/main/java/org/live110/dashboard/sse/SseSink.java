package org.live110.dashboard.sse;

import java.nio.ByteBuffer;

/**
 * Where one client's stream bytes go: the HTTP layer adapts its response to this so the hub knows
 * nothing of the web framework. Writes never block: the hub issues at most one {@link #write} at a
 * time per client and the next one only after the previous one reported {@link Done}.
 */
public interface SseSink {
  /** Completion of one {@link #write}. */
  @FunctionalInterface
  interface Done {
    /**
     * Called exactly once per write, on any thread, possibly before {@code write} returns.
     *
     * @param failure null when every byte was handed to the network, else why the client is gone
     */
    void done(Throwable failure);
  }

  /**
   * Starts writing {@code frames} (one or more complete frames; the sink may keep a reference to
   * the buffer until {@code done} is called, but never modifies its content) and returns at once.
   * Bytes written before the response is ready to stream are held until it is.
   */
  void write(ByteBuffer frames, Done done);

  /** Ends the response normally (the client may reconnect). */
  void complete();

  /**
   * Tears the connection down at once, failing a write pending on a client that stopped reading.
   */
  void abort();
}
