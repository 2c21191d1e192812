package org.live110.dashboard.sse;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SSE client: a queue of ready frames, bounded in frames and in bytes, written to its {@link
 * SseSink} one non-blocking write at a time. Frames are shared, read-only buffers (the same bytes
 * for every client); the queue holds only views of them. Nobody ever waits for a client: {@link
 * #offer} only queues, and {@link #pump} starts a write and returns — the next write starts from
 * the completion of the previous one, on whatever thread reported it. A client that stops reading
 * keeps its one write pending and fills its own queue until the hub drops it.
 */
final class SseConnection {
  private static final Logger LOG = LoggerFactory.getLogger(SseConnection.class);

  /** What {@link #offer} did. */
  enum Offer {
    /** Queued behind a write in progress (or not yet possible); nothing to do. */
    QUEUED,
    /** Queued on an idle connection: the caller must {@link #pump} it (outside its own locks). */
    PUMP,
    /** Not queued: the client is too far behind (the frame or byte bound). */
    FULL,
    /** Not queued: the connection was released. */
    RELEASED
  }

  private final long id;
  private final String address;
  private final SeriesSubscription subscription;
  private final SseSink sink;
  private final int frameLimit;
  private final long byteLimit;
  private final SseHub hub;

  // Guarded by this.
  private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
  private long queuedBytes; // queued plus the write in progress
  private boolean writing; // a write is in progress (or pump is about to start one)
  private boolean released;
  private long lastWriteNanos;

  SseConnection(
      long id,
      String address,
      SeriesSubscription subscription,
      SseSink sink,
      int frameLimit,
      long byteLimit,
      SseHub hub) {
    this.id = id;
    this.address = address;
    this.subscription = subscription;
    this.sink = sink;
    this.frameLimit = frameLimit;
    this.byteLimit = byteLimit;
    this.hub = hub;
    this.lastWriteNanos = System.nanoTime();
  }

  long id() {
    return id;
  }

  String address() {
    return address;
  }

  /** The series this client asked for; clients with equal subscriptions share their frames. */
  SeriesSubscription subscription() {
    return subscription;
  }

  /** Frames queued or being written. */
  synchronized int pending() {
    return queue.size() + (writing ? 1 : 0);
  }

  /** Frames and bytes queued or being written, for the drop message. */
  synchronized String backlog() {
    return queue.size() + (writing ? 1 : 0) + " frames, " + queuedBytes + " bytes";
  }

  /**
   * Queues a view of a shared frame; never blocks and never writes.
   *
   * @param frame one or more complete frames; only read, never changed
   */
  synchronized Offer offer(ByteBuffer frame) {
    if (released) {
      return Offer.RELEASED;
    }
    int size = frame.remaining();
    // A client always takes one frame however large (its snapshot); beyond that the bounds hold.
    if (queue.size() >= frameLimit || (queuedBytes > 0 && queuedBytes + size > byteLimit)) {
      return Offer.FULL;
    }
    queue.add(frame.duplicate());
    queuedBytes += size;
    return writing ? Offer.QUEUED : Offer.PUMP;
  }

  /**
   * Queues {@code keepAlive} when nothing has been written or queued for {@code idleNanos}; a dead
   * client then fails the write and is released.
   */
  synchronized Offer keepAliveIfIdle(ByteBuffer keepAlive, long now, long idleNanos) {
    if (released || writing || !queue.isEmpty() || now - lastWriteNanos < idleNanos) {
      return Offer.QUEUED;
    }
    return offer(keepAlive);
  }

  /**
   * Writes queued frames until the queue is empty or a write is pending on the network; returns
   * without waiting. Safe to call from any thread and at any time: only one caller writes.
   */
  void pump() {
    synchronized (this) {
      if (writing || released || queue.isEmpty()) {
        return;
      }
      writing = true;
    }
    drain();
  }

  /** The write loop; runs on the thread that called {@link #pump} or completed the last write. */
  private void drain() {
    while (true) {
      ByteBuffer next;
      synchronized (this) {
        next = released ? null : queue.poll();
        if (next == null) {
          writing = false;
          return;
        }
        lastWriteNanos = System.nanoTime();
      }
      Write w = new Write(next.remaining());
      try {
        sink.write(next, w);
      } catch (RuntimeException e) {
        w.done(e);
      }
      if (w.state.compareAndSet(Write.STARTED, Write.RETURNED)) {
        return; // pending on the network: its completion continues the loop
      }
      if (!written(w)) {
        return;
      }
    }
  }

  /** Accounts a finished write; false when it failed (the connection is then released). */
  private boolean written(Write w) {
    if (w.failure != null) {
      // A write fails when the client went away: the normal end of a stream.
      LOG.debug("SSE client {} from {} gone: {}", id, address, w.failure.toString());
      synchronized (this) {
        writing = false;
      }
      hub.release(this, SseHub.DropReason.CLIENT_GONE);
      return false;
    }
    boolean caughtUp;
    synchronized (this) {
      if (!released) {
        queuedBytes -= w.bytes;
      }
      caughtUp = queue.isEmpty();
    }
    if (caughtUp) {
      hub.caughtUp();
    }
    return true;
  }

  /**
   * Stops writing and ends the response; idempotent.
   *
   * @param abort tear the connection down (a pending write must fail) rather than end it normally
   * @return whether this call released it
   */
  boolean release(boolean abort) {
    synchronized (this) {
      if (released) {
        return false;
      }
      released = true;
      queue.clear();
      queuedBytes = 0;
    }
    if (abort) {
      sink.abort();
    }
    sink.complete();
    return true;
  }

  /**
   * One write in flight. Its completion may come before {@link SseSink#write} returns (the bytes
   * fitted in the socket buffer) or later on a network thread; whichever of the writer and the
   * completion comes second continues the loop, so there is never recursion nor a lost wake-up.
   */
  private final class Write implements SseSink.Done {
    static final int STARTED = 0;
    static final int RETURNED = 1;
    static final int COMPLETED = 2;

    final AtomicInteger state = new AtomicInteger(STARTED);
    final int bytes;
    volatile Throwable failure;

    Write(int bytes) {
      this.bytes = bytes;
    }

    @Override
    public void done(Throwable t) {
      failure = t;
      if (state.compareAndSet(STARTED, COMPLETED)) {
        return; // completed inline: the writer continues
      }
      if (state.compareAndSet(RETURNED, COMPLETED) && written(this)) {
        drain();
      }
    }
  }
}
