package org.live110.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Many Server-Sent-Events clients of {@code GET /api/stream} on a few selector threads (no thread
 * per client, so 2,000 clients cost the load generator little). Each client speaks HTTP/1.0, so the
 * body is the raw event stream (no chunked encoding), splits it into frames and hands every frame
 * to a {@link FrameListener} with its arrival time.
 *
 * <p>Connections open in a ramp, at most {@link #MAX_CONNECTING} at a time without their response
 * header yet: 2,000 connects in the same millisecond overflow the server's accept queue (50 by
 * default), and the dropped ones retry after 1, 2, 4 … s — some never get in during the run. A ramp
 * of a few seconds is how 2,000 wall screens arrive anyway; the measurement starts after it.
 *
 * <p>The reader must keep up with hundreds of MB/s (2,000 clients × ~100 KB progress frames several
 * times a second), or the figure measures the bench, not the dashboard. So the only per-byte work
 * is the search for the next line end; of a line only its first bytes (to tell {@code event:} from
 * {@code data:}) and its last {@link #TAIL} bytes are copied — enough to read the {@code updatedAt}
 * stamp at the end of a progress frame — unless {@code keepData} is set (the latency client), which
 * keeps every data line whole.
 */
public final class SseClients implements AutoCloseable {
  /** Bytes kept from the end of a data line when the whole line is not kept. */
  public static final int TAIL = 256;

  /** Connections opened but not yet answered, at most. */
  public static final int MAX_CONNECTING = 32;

  /** How long the ramp waits for answers before it opens more anyway. */
  private static final long RAMP_STALL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(10);

  /** Readers when not given: one per core, at most 4. */
  public static final int DEFAULT_READERS =
      Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

  private static final int HEAD = 16;
  // TAIL plus room for the CR of a CRLF line end
  private static final int TAIL_CAPACITY = TAIL + 1;
  private static final byte[] EVENT = "event:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

  /** Receives frames; called on a reader thread (several of them), so it must be quick. */
  public interface FrameListener {
    /**
     * One complete frame.
     *
     * @param client index of the client
     * @param arrivalMillis wall clock when its last byte was read
     * @param arrivalNanos {@link System#nanoTime()} then
     * @param event the {@code event:} name ({@code message} when absent)
     * @param data the data line (or its tail), without {@code data:}
     */
    void onFrame(int client, long arrivalMillis, long arrivalNanos, String event, String data);
  }

  private final List<Client> clients = new ArrayList<>();
  private final List<Reader> readers = new ArrayList<>();
  private final FrameListener listener;
  private final boolean keepData;
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final java.util.concurrent.ConcurrentHashMap<
          String, java.util.concurrent.atomic.LongAdder>
      dataBytes = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean running = true;

  /** The stream's path when none is given: every scope's series (no subscription). */
  public static final String STREAM = "/api/stream";

  /** Opens {@code count} connections on {@link #DEFAULT_READERS} reader threads. */
  public SseClients(String host, int port, int count, boolean keepData, FrameListener listener)
      throws IOException {
    this(host, port, STREAM, count, DEFAULT_READERS, keepData, listener);
  }

  /**
   * Opens {@code count} connections to {@code target} on {@link #DEFAULT_READERS} reader threads.
   */
  public SseClients(
      String host, int port, String target, int count, boolean keepData, FrameListener listener)
      throws IOException {
    this(host, port, target, count, DEFAULT_READERS, keepData, listener);
  }

  /** Opens {@code count} connections to {@link #STREAM} (see the full constructor). */
  public SseClients(
      String host, int port, int count, int readerThreads, boolean keepData, FrameListener listener)
      throws IOException {
    this(host, port, STREAM, count, readerThreads, keepData, listener);
  }

  /**
   * Opens {@code count} connections to {@code host:port} (returns once every one is open and at
   * most {@link #MAX_CONNECTING} are still waiting for their answer) and reads them.
   *
   * @param target the request target: the stream's path and query, URL-encoded
   * @param readerThreads selector threads; client {@code i} is read by thread {@code i % n}
   */
  public SseClients(
      String host,
      int port,
      String target,
      int count,
      int readerThreads,
      boolean keepData,
      FrameListener listener)
      throws IOException {
    this.listener = listener;
    this.keepData = keepData;
    byte[] request =
        ("GET " + target + " HTTP/1.0\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    int n = Math.max(1, Math.min(readerThreads, count));
    for (int r = 0; r < n; r++) {
      readers.add(new Reader(r));
    }
    for (Reader r : readers) {
      r.thread.start();
    }
    InetSocketAddress address = new InetSocketAddress(host, port);
    long lastAnswer = System.nanoTime();
    int answered = 0;
    for (int i = 0; i < count; i++) {
      while (i - answered() >= MAX_CONNECTING
          && System.nanoTime() - lastAnswer < RAMP_STALL_NANOS) {
        LockSupport.parkNanos(1_000_000);
        if (answered() > answered) {
          answered = answered();
          lastAnswer = System.nanoTime();
        }
      }
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.connect(address);
      Client c = new Client(i, ch, ByteBuffer.wrap(request));
      clients.add(c);
      readers.get(i % n).add(c);
    }
  }

  /** Clients with an answer (a status line) or a failure. */
  private int answered() {
    return connected.get() + refused.get() + failed.get();
  }

  /**
   * Waits (bounded) until every client has its response header or the deadline passes; returns the
   * number connected with 200.
   */
  public int awaitConnected(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && answered() < clients.size()) {
      Thread.sleep(50);
    }
    return connected.get();
  }

  /** Clients that received a 200 response header. */
  public int connected() {
    return connected.get();
  }

  /** Clients the server answered with something other than 200 (e.g. 429). */
  public int refused() {
    return refused.get();
  }

  /** Clients whose connection failed before an answer (could not connect, reset, closed). */
  public int failed() {
    return failed.get();
  }

  /** Clients whose connection the server closed after it had been accepted (dropped). */
  public int closedByServer() {
    return closedByServer.get();
  }

  /** CPU time the reader threads have used so far, ns (-1 when the JVM does not measure it). */
  public long readerCpuNanos() {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Reader r : readers) {
      long t = mx.getThreadCpuTime(r.thread.getId());
      if (t < 0) {
        return -1;
      }
      sum += t;
    }
    return sum;
  }

  /** Bytes read by all clients so far. */
  public long bytesRead() {
    long sum = 0;
    for (Reader r : readers) {
      sum += r.bytes;
    }
    return sum;
  }

  /** Bytes of data lines received so far, by event name (all clients). */
  public java.util.Map<String, Long> dataBytesByEvent() {
    java.util.Map<String, Long> m = new java.util.TreeMap<>();
    dataBytes.forEach((k, v) -> m.put(k, v.sum()));
    return m;
  }

  /** Reader threads. */
  public int readerThreads() {
    return readers.size();
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  @Override
  public void close() throws Exception {
    running = false;
    for (Reader r : readers) {
      r.selector.wakeup();
    }
    for (Reader r : readers) {
      r.thread.join(10_000);
    }
    for (Client c : clients) {
      closeQuietly(c.channel);
    }
    for (Reader r : readers) {
      r.selector.close();
    }
  }

  /** One selector thread and the clients registered with it. */
  private final class Reader {
    final Selector selector;
    final Thread thread;
    final java.util.Queue<Client> toRegister = new java.util.concurrent.ConcurrentLinkedQueue<>();
    volatile long bytes;

    Reader(int index) throws IOException {
      this.selector = Selector.open();
      this.thread = new Thread(this::loop, "sse-clients-" + index);
      this.thread.setDaemon(true);
    }

    /** Hands a connecting client to this reader. */
    void add(Client c) {
      toRegister.add(c);
      selector.wakeup();
    }

    private void loop() {
      ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
      byte[] heap = new byte[buf.capacity()];
      long total = 0;
      try {
        while (running) {
          selector.select(100);
          Client fresh;
          while ((fresh = toRegister.poll()) != null) {
            try {
              fresh.channel.register(selector, SelectionKey.OP_CONNECT, fresh);
            } catch (IOException e) {
              fresh.fail();
            }
          }
          Iterator<SelectionKey> it = selector.selectedKeys().iterator();
          while (it.hasNext()) {
            SelectionKey k = it.next();
            it.remove();
            Client c = (Client) k.attachment();
            try {
              if (k.isConnectable()) {
                c.channel.finishConnect();
                k.interestOps(SelectionKey.OP_WRITE);
              } else if (k.isWritable()) {
                c.channel.write(c.request);
                if (!c.request.hasRemaining()) {
                  k.interestOps(SelectionKey.OP_READ);
                }
              } else if (k.isReadable()) {
                buf.clear();
                int n = c.channel.read(buf);
                if (n < 0) {
                  if (c.status == 200) {
                    closedByServer.incrementAndGet();
                  } else if (c.status < 0) {
                    c.fail();
                  }
                  k.cancel();
                  c.channel.close();
                  continue;
                }
                buf.flip();
                buf.get(heap, 0, n);
                total += n;
                c.consume(heap, n, System.currentTimeMillis(), System.nanoTime());
              }
            } catch (IOException e) {
              k.cancel();
              closeQuietly(c.channel);
              if (c.status < 0) {
                c.fail();
              }
            }
          }
          bytes = total;
        }
      } catch (IOException e) {
        throw new IllegalStateException("SSE client selector failed", e);
      }
    }
  }

  /** One connection's parse state. */
  private final class Client {
    final int index;
    final SocketChannel channel;
    final ByteBuffer request;
    int status = -1;
    final StringBuilder header = new StringBuilder();
    // The current line: its length so far, its first HEAD bytes, its last TAIL (+1) bytes and,
    // with keepData, all of it.
    long lineTotal;
    final byte[] head = new byte[HEAD];
    final byte[] tail = new byte[TAIL_CAPACITY];
    int tailLength;
    byte[] whole = new byte[0];
    int wholeLength;
    String event;
    String data;
    long dataLength;

    Client(int index, SocketChannel channel, ByteBuffer request) {
      this.index = index;
      this.channel = channel;
      this.request = request;
    }

    /** Counts a failure before any answer, once. */
    void fail() {
      if (status < 0) {
        status = 0;
        failed.incrementAndGet();
        closeQuietly(channel);
      }
    }

    void consume(byte[] b, int n, long millis, long nanos) {
      int i = 0;
      while (status < 0 && i < n) {
        header.append((char) b[i++]);
        int end = header.indexOf("\r\n\r\n");
        if (end >= 0) {
          String first = header.substring(0, header.indexOf("\r\n"));
          String[] parts = first.split(" ");
          status = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
          if (status == 200) {
            connected.incrementAndGet();
          } else {
            refused.incrementAndGet();
          }
        }
      }
      while (i < n) {
        int nl = i;
        while (nl < n && b[nl] != '\n') {
          nl++;
        }
        append(b, i, nl);
        if (nl == n) {
          return;
        }
        endOfLine(millis, nanos);
        i = nl + 1;
      }
    }

    /** Adds {@code b[from, to)} to the current line. */
    private void append(byte[] b, int from, int to) {
      int len = to - from;
      if (len == 0) {
        return;
      }
      if (lineTotal < HEAD) {
        int h = (int) Math.min(HEAD - lineTotal, len);
        System.arraycopy(b, from, head, (int) lineTotal, h);
      }
      if (len >= TAIL_CAPACITY) {
        System.arraycopy(b, to - TAIL_CAPACITY, tail, 0, TAIL_CAPACITY);
        tailLength = TAIL_CAPACITY;
      } else {
        int keep = Math.min(tailLength, TAIL_CAPACITY - len);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(b, from, tail, keep, len);
        tailLength = keep + len;
      }
      if (keepData) {
        if (wholeLength + len > whole.length) {
          whole = Arrays.copyOf(whole, Math.max(wholeLength + len, whole.length * 2));
        }
        System.arraycopy(b, from, whole, wholeLength, len);
        wholeLength += len;
      }
      lineTotal += len;
    }

    private void endOfLine(long millis, long nanos) {
      if (tailLength > 0 && tail[tailLength - 1] == '\r') {
        // CRLF line end
        tailLength--;
        lineTotal--;
        wholeLength = Math.max(0, wholeLength - 1);
      }
      if (lineTotal == 0) {
        if (data != null) {
          String name = event == null ? "message" : event;
          dataBytes
              .computeIfAbsent(name, k -> new java.util.concurrent.atomic.LongAdder())
              .add(dataLength);
          listener.onFrame(index, millis, nanos, name, data);
        }
        event = null;
        data = null;
      } else if (startsWith(EVENT)) {
        // event lines are short: the tail holds all of them
        event =
            new String(tail, EVENT.length, tailLength - EVENT.length, StandardCharsets.UTF_8)
                .trim();
      } else if (startsWith(DATA)) {
        // "data:" and the one optional space after it are not part of the data
        int prefix = lineTotal > DATA.length && head[DATA.length] == ' ' ? 6 : 5;
        dataLength = lineTotal - prefix;
        if (keepData) {
          data = new String(whole, prefix, wholeLength - prefix, StandardCharsets.UTF_8);
        } else {
          int len = (int) Math.min(lineTotal - prefix, Math.min(tailLength, TAIL));
          data = new String(tail, tailLength - len, len, StandardCharsets.UTF_8);
        }
      }
      lineTotal = 0;
      tailLength = 0;
      wholeLength = 0;
    }

    private boolean startsWith(byte[] prefix) {
      if (lineTotal < prefix.length) {
        return false;
      }
      for (int j = 0; j < prefix.length; j++) {
        if (head[j] != prefix[j]) {
          return false;
        }
      }
      return true;
    }
  }
}
