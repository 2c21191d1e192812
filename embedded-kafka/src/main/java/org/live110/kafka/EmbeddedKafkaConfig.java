package org.live110.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Immutable settings of one {@link EmbeddedKafkaBroker}. Build with {@link #builder(Path)}.
 *
 * @param logDir where the broker keeps its data and KRaft metadata; reusing the directory on the
 *     next start keeps every topic and record
 * @param host host name the listeners bind to and advertise
 * @param port client (PLAINTEXT) port; 0 picks a free port at each start
 * @param controllerPort KRaft controller port; 0 picks a free port at each start
 * @param brokerProperties extra broker configs applied over the defaults (e.g. {@code
 *     transaction.max.timeout.ms}); listener, role and directory settings are owned by this class
 *     and rejected here
 * @param startTimeout bound for {@link EmbeddedKafkaBroker#start()} to see the broker answer
 * @param closeTimeout bound for {@link EmbeddedKafkaBroker#close()} to see it shut down
 */
public record EmbeddedKafkaConfig(
    Path logDir,
    String host,
    int port,
    int controllerPort,
    Map<String, String> brokerProperties,
    Duration startTimeout,
    Duration closeTimeout) {

  public static final String DEFAULT_HOST = "localhost";
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * Keys derived from host, ports and log directory; overriding them would desynchronise the broker
   * from the formatted storage or from {@link EmbeddedKafkaBroker#bootstrapServers()}.
   */
  static final Set<String> RESERVED_PROPERTIES =
      Set.of(
          "process.roles",
          "node.id",
          "log.dir",
          "log.dirs",
          "metadata.log.dir",
          "listeners",
          "advertised.listeners",
          "listener.security.protocol.map",
          "inter.broker.listener.name",
          "controller.listener.names",
          "controller.quorum.voters",
          "controller.quorum.bootstrap.servers");

  public EmbeddedKafkaConfig {
    Objects.requireNonNull(logDir, "logDir");
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    checkPort("port", port);
    checkPort("controllerPort", controllerPort);
    if (port != 0 && port == controllerPort) {
      throw new IllegalArgumentException("port and controllerPort must differ, both were " + port);
    }
    brokerProperties = Map.copyOf(Objects.requireNonNull(brokerProperties, "brokerProperties"));
    for (String key : brokerProperties.keySet()) {
      if (RESERVED_PROPERTIES.contains(key)) {
        throw new IllegalArgumentException(
            "broker property "
                + key
                + " is derived from logDir/host/port/controllerPort and cannot be overridden");
      }
    }
    checkPositive("startTimeout", startTimeout);
    checkPositive("closeTimeout", closeTimeout);
  }

  /** A builder with the defaults: localhost, free ports, no extra properties. */
  public static Builder builder(Path logDir) {
    return new Builder(logDir);
  }

  private static void checkPort(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + " must be in 0..65535, was " + value);
    }
  }

  private static void checkPositive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Mutable builder for {@link EmbeddedKafkaConfig}; not thread-safe. */
  public static final class Builder {
    private final Path logDir;
    private String host = DEFAULT_HOST;
    private int port;
    private int controllerPort;
    private final Map<String, String> brokerProperties = new LinkedHashMap<>();
    private Duration startTimeout = DEFAULT_START_TIMEOUT;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

    private Builder(Path logDir) {
      this.logDir = logDir;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Client port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Controller port; 0 (the default) picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    public Builder brokerProperty(String key, String value) {
      brokerProperties.put(key, value);
      return this;
    }

    public Builder brokerProperties(Map<String, String> properties) {
      brokerProperties.putAll(properties);
      return this;
    }

    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = closeTimeout;
      return this;
    }

    public EmbeddedKafkaConfig build() {
      return new EmbeddedKafkaConfig(
          logDir, host, port, controllerPort, brokerProperties, startTimeout, closeTimeout);
    }
  }
}
