package org.live110.dashboard.sse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client: a bounded queue of ready frames and the loop that writes them to its {@link
 * SseSink} on the client's own writer thread. The hub only ever {@link #offer}s (never blocks), so
 * a slow client fills its own queue and is dropped without slowing anyone else.
 */
final class SseConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);
  private static final byte[] KEEP_ALIVE = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
  private static final String POISON = "";

  private final long id;
  private final String address;
  private final SseSink sink;
  private final BlockingQueue<String> queue;
  private final long keepAliveMillis;
  private final SseHub hub;
  private final AtomicBoolean released = new AtomicBoolean();

  SseConnection(
      long id, String address, SseSink sink, int queueLimit, long keepAliveMillis, SseHub hub) {
    this.id = id;
    this.address = address;
    this.sink = sink;
    this.queue = new ArrayBlockingQueue<>(queueLimit);
    this.keepAliveMillis = keepAliveMillis;
    this.hub = hub;
  }

  long id() {
    return id;
  }

  String address() {
    return address;
  }

  /** Queues a frame; false when the queue is full (the client is too slow) or it was released. */
  boolean offer(String frame) {
    return !released.get() && queue.offer(frame);
  }

  @Override
  public void run() {
    try {
      while (!released.get()) {
        String frame = queue.poll(keepAliveMillis, TimeUnit.MILLISECONDS);
        if (released.get() || POISON.equals(frame)) {
          return;
        }
        byte[] bytes;
        if (frame == null) {
          bytes = KEEP_ALIVE;
        } else {
          // Batch whatever else is ready into one write and one flush.
          StringBuilder batch = new StringBuilder(frame);
          String more;
          while ((more = queue.poll()) != null && !POISON.equals(more)) {
            batch.append(more);
          }
          bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
          if (POISON.equals(more)) {
            return;
          }
        }
        sink.write(bytes);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // A write fails when the client went away: the normal end of a stream.
      LOG.debug("SSE client {} from {} gone: {}", id, address, e.toString());
    } finally {
      hub.release(this, SseHub.DropReason.CLIENT_GONE);
    }
  }

  /**
   * Stops the writer and ends the response; idempotent.
   *
   * @param abort tear the connection down (a blocked write must fail) rather than end it normally
   * @return whether this call released it
   */
  boolean release(boolean abort) {
    if (!released.compareAndSet(false, true)) {
      return false;
    }
    queue.clear();
    queue.offer(POISON);
    if (abort) {
      sink.abort();
    }
    sink.complete();
    return true;
  }
}
