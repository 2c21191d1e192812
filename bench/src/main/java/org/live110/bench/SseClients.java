package org.live110.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many Server-Sent-Events clients of {@code GET /api/stream} on one selector thread (no thread per
 * client, so 2,000 clients cost the load generator little CPU). Each client speaks HTTP/1.0, so the
 * body is the raw event stream (no chunked encoding), splits it into frames and hands every frame
 * to a {@link FrameListener} with its arrival time.
 *
 * <p>To keep the client side cheap, a frame's {@code data} line is kept whole only when {@code
 * keepData} is set (the latency client); otherwise only its last {@link #TAIL} bytes are kept,
 * enough to read the {@code updatedAt} stamp at the end of a progress frame.
 */
public final class SseClients implements AutoCloseable {
  /** Bytes kept from the end of a data line when the whole line is not kept (a power of 2). */
  public static final int TAIL = 256;

  /** Receives frames; called on the selector thread, so it must be quick. */
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

  private final Selector selector;
  private final List<Client> clients = new ArrayList<>();
  private final FrameListener listener;
  private final boolean keepData;
  private final Thread thread;
  private final AtomicInteger connected = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger closedByServer = new AtomicInteger();
  private volatile boolean running = true;

  /** Opens {@code count} connections to {@code host:port} and starts reading. */
  public SseClients(String host, int port, int count, boolean keepData, FrameListener listener)
      throws IOException {
    this.selector = Selector.open();
    this.listener = listener;
    this.keepData = keepData;
    byte[] request =
        ("GET /api/stream HTTP/1.0\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < count; i++) {
      SocketChannel ch = SocketChannel.open();
      ch.configureBlocking(false);
      ch.connect(new InetSocketAddress(host, port));
      Client c = new Client(i, ch, ByteBuffer.wrap(request));
      clients.add(c);
      ch.register(selector, SelectionKey.OP_CONNECT, c);
    }
    thread = new Thread(this::loop, "sse-clients");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Waits (bounded) until every client has its response header or the deadline passes; returns the
   * number connected with 200.
   */
  public int awaitConnected(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline && connected.get() + refused.get() < clients.size()) {
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

  /** Clients whose connection the server closed after it had been accepted (dropped). */
  public int closedByServer() {
    return closedByServer.get();
  }

  private void loop() {
    ByteBuffer buf = ByteBuffer.allocateDirect(256 * 1024);
    byte[] heap = new byte[buf.capacity()];
    try {
      while (running) {
        selector.select(100);
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
                }
                k.cancel();
                c.channel.close();
                continue;
              }
              buf.flip();
              buf.get(heap, 0, n);
              c.consume(heap, n, System.currentTimeMillis(), System.nanoTime());
            }
          } catch (IOException e) {
            k.cancel();
            closeQuietly(c.channel);
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("SSE client selector failed", e);
    }
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
    selector.wakeup();
    thread.join(10_000);
    for (Client c : clients) {
      closeQuietly(c.channel);
    }
    selector.close();
  }

  /** One connection's parse state. */
  private final class Client {
    final int index;
    final SocketChannel channel;
    final ByteBuffer request;
    int status = -1;
    final StringBuilder header = new StringBuilder();
    // the current line: whole (keepData) or its first bytes plus a ring of its last TAIL bytes
    byte[] line = new byte[1024];
    int lineLength;
    long lineTotal;
    final byte[] tail = new byte[TAIL];
    String event;
    String data;

    Client(int index, SocketChannel channel, ByteBuffer request) {
      this.index = index;
      this.channel = channel;
      this.request = request;
    }

    void consume(byte[] b, int n, long millis, long nanos) {
      int i = 0;
      if (status < 0) {
        while (i < n && status < 0) {
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
      }
      for (; i < n; i++) {
        byte x = b[i];
        if (x == '\n') {
          endOfLine(millis, nanos);
        } else if (x != '\r') {
          append(x);
        }
      }
    }

    private void append(byte x) {
      if (keepData || lineLength < 16) {
        if (lineLength == line.length) {
          line = java.util.Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = x;
      }
      tail[(int) (lineTotal & (TAIL - 1))] = x;
      lineTotal++;
    }

    private void endOfLine(long millis, long nanos) {
      if (lineTotal == 0) {
        if (data != null) {
          listener.onFrame(index, millis, nanos, event == null ? "message" : event, data);
        }
        event = null;
        data = null;
      } else {
        String head = new String(line, 0, Math.min(lineLength, 16), StandardCharsets.UTF_8);
        if (head.startsWith("event:")) {
          event = new String(line, 0, lineLength, StandardCharsets.UTF_8).substring(6).trim();
        } else if (head.startsWith("data:")) {
          // "data:" and the one optional space after it are not part of the data
          int prefix = lineLength > 5 && line[5] == ' ' ? 6 : 5;
          data =
              keepData
                  ? new String(line, prefix, lineLength - prefix, StandardCharsets.UTF_8)
                  : tail(prefix);
        }
      }
      lineLength = 0;
      lineTotal = 0;
    }

    private String tail(int prefix) {
      int len = (int) Math.min(lineTotal - prefix, TAIL);
      byte[] out = new byte[len];
      long from = lineTotal - len;
      for (int j = 0; j < len; j++) {
        out[j] = tail[(int) ((from + j) & (TAIL - 1))];
      }
      return new String(out, StandardCharsets.UTF_8);
    }
  }
}
