package org.live110.jobs.functions;

import java.util.HashMap;
import java.util.Map;

/**
 * The value this operator instance saw last per key, for work that only a new value needs (a timer
 * to register, a day to clean up) while many events of the key ask for it. Not checkpointed: after
 * a restore every key's first value counts as new, so the work must be harmless to repeat.
 */
final class LastPerKey {
  private final Map<String, Long> lastByKey = new HashMap<>();

  /** Records {@code value} for {@code key}; true unless it equals the value recorded before. */
  boolean changed(String key, long value) {
    // Looked up first: nearly every call repeats the value, and a put would box it every time.
    Long last = lastByKey.get(key);
    if (last != null && last == value) {
      return false;
    }
    lastByKey.put(key, value);
    return true;
  }
}
