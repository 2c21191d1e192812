package org.live110.reliability.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Many SSE clients of {@code /api/stream} on one selector thread (a thousand wall screens without a
 * thousand threads). Each client counts the bytes it got and notes when a marker text (a unique
 * version number the test publishes) first reached it. Clients leave either abortively — TCP reset,
 * no orderly close, like a screen that lost power or network — or politely (close).
 */
public final class SseSwarm implements AutoCloseable {
  /** One client's connection and what it has seen. */
  public static final class Client {
    final SocketChannel channel;
    volatile long bytes;
    volatile boolean statusOk;
    volatile long markerSeenNanos;
    volatile boolean gone;
    String tail = "";

    Client(SocketChannel channel) {
      this.channel = channel;
    }

    public long bytes() {
      return bytes;
    }

    public boolean statusOk() {
      return statusOk;
    }

    public long markerSeenNanos() {
      return markerSeenNanos;
    }
  }

  private final InetSocketAddress server;
  private final Selector selector;
  private final Thread loop;
  private final List<Client> clients = new ArrayList<>();
  private final ConcurrentLinkedQueue<Client> toRegister = new ConcurrentLinkedQueue<>();
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16);
  private volatile String marker;
  private volatile boolean closed;

  public SseSwarm(InetSocketAddress server) throws IOException {
    this.server = server;
    this.selector = Selector.open();
    this.loop = new Thread(this::run, "sse-swarm");
    loop.setDaemon(true);
    loop.start();
  }

  /** Opens {@code n} streams (each sends its request; reading happens on the selector thread). */
  public synchronized List<Client> connect(int n) throws IOException {
    List<Client> added = new ArrayList<>();
    byte[] request =
        ("GET /api/stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < n; i++) {
      SocketChannel ch = SocketChannel.open(server);
      ch.write(ByteBuffer.wrap(request));
      ch.configureBlocking(false);
      Client c = new Client(ch);
      clients.add(c);
      added.add(c);
      toRegister.add(c);
    }
    selector.wakeup();
    return added;
  }

  /** From now on, each client notes when {@code text} first appears in its stream. */
  public void watchFor(String text) {
    for (Client c : clients()) {
      c.markerSeenNanos = 0;
    }
    marker = text;
  }

  /** Drops clients without an orderly close: SO_LINGER 0 makes close() send a TCP reset. */
  public void dropAbortively(List<Client> victims) throws IOException {
    for (Client c : victims) {
      c.gone = true;
      c.channel.setOption(StandardSocketOptions.SO_LINGER, 0);
      c.channel.close();
    }
    forget(victims);
  }

  /** Closes clients politely (FIN). */
  public void closePolitely(List<Client> leaving) throws IOException {
    for (Client c : leaving) {
      c.gone = true;
      c.channel.close();
    }
    forget(leaving);
  }

  private synchronized void forget(List<Client> leaving) {
    clients.removeAll(leaving);
  }

  public synchronized List<Client> clients() {
    return List.copyOf(clients);
  }

  private void run() {
    while (!closed) {
      try {
        selector.select(200);
        Client r;
        while ((r = toRegister.poll()) != null) {
          if (r.channel.isOpen()) {
            r.channel.register(selector, SelectionKey.OP_READ, r);
          }
        }
        for (SelectionKey key : selector.selectedKeys()) {
          Client c = (Client) key.attachment();
          read(key, c);
        }
        selector.selectedKeys().clear();
      } catch (IOException | RuntimeException e) {
        if (closed) {
          return;
        }
      }
    }
  }

  private void read(SelectionKey key, Client c) {
    try {
      buffer.clear();
      int n = c.channel.read(buffer);
      if (n < 0) {
        key.cancel();
        c.channel.close();
        return;
      }
      buffer.flip();
      byte[] bytes = new byte[buffer.remaining()];
      buffer.get(bytes);
      if (c.bytes == 0) {
        c.statusOk =
            new String(bytes, 0, Math.min(bytes.length, 15), StandardCharsets.US_ASCII)
                .startsWith("HTTP/1.1 200");
      }
      c.bytes += n;
      String m = marker;
      if (m != null && c.markerSeenNanos == 0) {
        // Keep a short tail so a marker split across two reads is still found.
        String text = c.tail + new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains(m)) {
          c.markerSeenNanos = System.nanoTime();
        }
        c.tail = text.substring(Math.max(0, text.length() - m.length()));
      }
    } catch (IOException e) {
      key.cancel();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    selector.wakeup();
    try {
      loop.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (Client c : clients()) {
      c.channel.close();
    }
    selector.close();
  }
}
