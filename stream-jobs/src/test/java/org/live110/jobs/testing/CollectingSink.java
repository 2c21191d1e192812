package org.live110.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A test sink that appends everything written (including what a failed attempt wrote before a
 * restart: at-least-once, like the Kafka sink) to a list the test reads after the job. The lists
 * live in a static registry keyed by a per-sink id, because sink instances are serialized into the
 * job graph (test code only).
 */
public final class CollectingSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, List<Object>> RESULTS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  public CollectingSink() {
    RESULTS.put(id, new CopyOnWriteArrayList<>());
  }

  /** Everything written so far, in arrival order. */
  @SuppressWarnings("unchecked")
  public List<T> values() {
    return new ArrayList<>((List<T>) (List<?>) RESULTS.get(id));
  }

  public void clear() {
    RESULTS.remove(id);
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) {
    List<Object> target = RESULTS.get(id);
    return new SinkWriter<>() {
      @Override
      public void write(T element, Context ctx) {
        target.add(element);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
