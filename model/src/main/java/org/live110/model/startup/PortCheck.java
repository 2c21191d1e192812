package org.live110.model.startup;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.UnresolvedAddressException;
import java.util.Optional;

/**
 * The start-up check of a port something is about to listen on, shared by the dashboard, the
 * embedded broker, the Flink web UI and the demo (which checks all its ports before starting
 * anything). It binds a probe with the same socket options as the servers (a port in TIME_WAIT
 * counts as free) and closes it at once; another process may still take the port in between, which
 * then shows up as the server's own start failure.
 */
public final class PortCheck {

  private PortCheck() {}

  /**
   * Whether {@code port} on {@code host} can be listened on now.
   *
   * @param host interface name or address; null for all interfaces
   * @param port the port; 0 (any free port) always can
   * @return empty when it can; else a phrase for the user, e.g. {@code port 7070 on localhost is
   *     already in use} or {@code port 7070 is already in use} (all interfaces)
   */
  public static Optional<String> problem(String host, int port) {
    if (port == 0) {
      return Optional.empty();
    }
    String what = host == null ? "port " + port : "port " + port + " on " + host;
    if (port < 0 || port > 65535) {
      return Optional.of(what + " is outside 0..65535");
    }
    try (ServerSocketChannel probe = ServerSocketChannel.open()) {
      probe.bind(host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port));
      return Optional.empty();
    } catch (UnresolvedAddressException e) {
      return Optional.of(what + " cannot be bound: host " + host + " cannot be resolved");
    } catch (BindException e) {
      String m = e.getMessage() == null ? "" : e.getMessage();
      return Optional.of(
          m.contains("in use") ? what + " is already in use" : what + " cannot be bound: " + m);
    } catch (IOException e) {
      return Optional.of(what + " cannot be bound: " + e.getMessage());
    }
  }
}
