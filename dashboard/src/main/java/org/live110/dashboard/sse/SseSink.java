package org.live110.dashboard.sse;

import java.io.IOException;

/**
 * Where one client's stream bytes go: the HTTP layer adapts its response to this so the hub knows
 * nothing of the web framework. {@link #write} may block on a slow client; only the client's own
 * writer thread calls it.
 */
public interface SseSink {
  /** Writes and flushes one or more complete frames. */
  void write(byte[] frames) throws IOException;

  /** Ends the response normally (the client may reconnect). */
  void complete();

  /**
   * Tears the connection down at once, failing a write blocked on a client that stopped reading.
   */
  void abort();
}
