package org.live110.dashboard;

import java.time.Duration;
import java.util.Objects;
import org.live110.model.Topics;

/**
 * Immutable settings of one dashboard. Read from options and environment in {@link DashboardMain}
 * (or built by the launcher) and passed down; nothing below reads the environment.
 *
 * @param port HTTP port, 0 for any free port
 * @param host interface to bind, null for all
 * @param bootstrapServers Kafka bootstrap servers of the progress, series and sessions topics
 * @param topics topic names
 * @param adminToken bearer token of the admin endpoints; null or blank closes them
 * @param framePolicy who may frame the pages
 * @param staleAfter data older than this is reported stale
 * @param sseKeepAlive interval of the {@code : keep-alive} comment on idle streams
 * @param sseMaxClientsPerAddress concurrent streams per remote address (429 beyond)
 * @param sseMaxClients concurrent streams in all (503 beyond); each holds a bounded queue of shared
 *     frames, no thread
 * @param sseQueueLimit frames queued per stream; a client that falls this far behind is dropped
 * @param coalesceInterval changes are sent at most once per interval
 */
public record DashboardConfig(
    int port,
    String host,
    String bootstrapServers,
    Topics topics,
    String adminToken,
    FramePolicy framePolicy,
    Duration staleAfter,
    Duration sseKeepAlive,
    int sseMaxClientsPerAddress,
    int sseMaxClients,
    int sseQueueLimit,
    Duration coalesceInterval) {

  public static final int DEFAULT_PORT = 7070;
  public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SSE_KEEP_ALIVE = Duration.ofSeconds(15);
  public static final int DEFAULT_SSE_MAX_CLIENTS_PER_ADDRESS = 20;
  public static final int DEFAULT_SSE_MAX_CLIENTS = 500;
  public static final int DEFAULT_SSE_QUEUE_LIMIT = 64;
  public static final Duration DEFAULT_COALESCE_INTERVAL = Duration.ofMillis(250);

  public DashboardConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(framePolicy, "framePolicy");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
    requirePositive(staleAfter, "staleAfter");
    requirePositive(sseKeepAlive, "sseKeepAlive");
    requirePositive(coalesceInterval, "coalesceInterval");
    if (sseMaxClientsPerAddress < 1 || sseMaxClients < 1 || sseQueueLimit < 2) {
      throw new IllegalArgumentException(
          "SSE limits must be positive (queue at least 2): per address "
              + sseMaxClientsPerAddress
              + ", total "
              + sseMaxClients
              + ", queue "
              + sseQueueLimit);
    }
    if (adminToken != null && adminToken.isBlank()) {
      adminToken = null;
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration, was " + d);
    }
  }

  /** The defaults of the contract: port 7070, localhost:9092, default topics, admin closed. */
  public static DashboardConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this config. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.port = port;
    b.host = host;
    b.bootstrapServers = bootstrapServers;
    b.topics = topics;
    b.adminToken = adminToken;
    b.framePolicy = framePolicy;
    b.staleAfter = staleAfter;
    b.sseKeepAlive = sseKeepAlive;
    b.sseMaxClientsPerAddress = sseMaxClientsPerAddress;
    b.sseMaxClients = sseMaxClients;
    b.sseQueueLimit = sseQueueLimit;
    b.coalesceInterval = coalesceInterval;
    return b;
  }

  /** Whether the admin endpoints are open (a token is configured). */
  public boolean adminEnabled() {
    return adminToken != null;
  }

  @Override
  public String toString() {
    // Never print the token.
    return "DashboardConfig[port="
        + port
        + ", host="
        + host
        + ", bootstrapServers="
        + bootstrapServers
        + ", topics="
        + topics
        + ", admin="
        + (adminEnabled() ? "enabled" : "disabled")
        + ", framePolicy="
        + framePolicy
        + ", staleAfter="
        + staleAfter
        + ", sseKeepAlive="
        + sseKeepAlive
        + ", sseMaxClientsPerAddress="
        + sseMaxClientsPerAddress
        + ", sseMaxClients="
        + sseMaxClients
        + ", sseQueueLimit="
        + sseQueueLimit
        + ", coalesceInterval="
        + coalesceInterval
        + "]";
  }

  /** Builds a {@link DashboardConfig}; unset fields keep the defaults. */
  public static final class Builder {
    private int port = DEFAULT_PORT;
    private String host;
    private String bootstrapServers = DEFAULT_BOOTSTRAP_SERVERS;
    private Topics topics = Topics.DEFAULT;
    private String adminToken;
    private FramePolicy framePolicy = FramePolicy.DENY;
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private Duration sseKeepAlive = DEFAULT_SSE_KEEP_ALIVE;
    private int sseMaxClientsPerAddress = DEFAULT_SSE_MAX_CLIENTS_PER_ADDRESS;
    private int sseMaxClients = DEFAULT_SSE_MAX_CLIENTS;
    private int sseQueueLimit = DEFAULT_SSE_QUEUE_LIMIT;
    private Duration coalesceInterval = DEFAULT_COALESCE_INTERVAL;

    private Builder() {}

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder bootstrapServers(String bootstrapServers) {
      this.bootstrapServers = bootstrapServers;
      return this;
    }

    public Builder topics(Topics topics) {
      this.topics = topics;
      return this;
    }

    public Builder adminToken(String adminToken) {
      this.adminToken = adminToken;
      return this;
    }

    public Builder framePolicy(FramePolicy framePolicy) {
      this.framePolicy = framePolicy;
      return this;
    }

    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = staleAfter;
      return this;
    }

    public Builder sseKeepAlive(Duration sseKeepAlive) {
      this.sseKeepAlive = sseKeepAlive;
      return this;
    }

    public Builder sseMaxClientsPerAddress(int n) {
      this.sseMaxClientsPerAddress = n;
      return this;
    }

    public Builder sseMaxClients(int n) {
      this.sseMaxClients = n;
      return this;
    }

    public Builder sseQueueLimit(int n) {
      this.sseQueueLimit = n;
      return this;
    }

    public Builder coalesceInterval(Duration coalesceInterval) {
      this.coalesceInterval = coalesceInterval;
      return this;
    }

    public DashboardConfig build() {
      return new DashboardConfig(
          port,
          host,
          bootstrapServers,
          topics,
          adminToken,
          framePolicy,
          staleAfter,
          sseKeepAlive,
          sseMaxClientsPerAddress,
          sseMaxClients,
          sseQueueLimit,
          coalesceInterval);
    }
  }
}
