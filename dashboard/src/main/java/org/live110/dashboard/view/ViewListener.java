package org.live110.dashboard.view;

import java.time.Instant;

/**
 * Told by {@link ProgressView} what an accepted record changed, on the thread that applied it. Keep
 * the work tiny (record a key): the Kafka follower thread calls it for every accepted record.
 */
public interface ViewListener {
  /** A scope's snapshot was replaced. */
  default void scopeChanged(String scope) {}

  /** The dead-letter summary was replaced. */
  default void deadLettersChanged() {}

  /** The minute bucket of a scope starting at {@code minute} was added or replaced. */
  default void bucketChanged(String scope, Instant minute) {}

  /** A livestream session was added or replaced. */
  default void sessionChanged(String sessionId) {}
}
