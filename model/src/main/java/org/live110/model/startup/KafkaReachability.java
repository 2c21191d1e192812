package org.live110.model.startup;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * The start-up check of a Kafka address, shared by every command that is given one (the dashboard,
 * {@code simulate}, {@code replay}): asks the cluster to describe itself within a bound, so a wrong
 * or dead address is one clear line after seconds instead of clients retrying for minutes.
 *
 * <pre>{@code
 * KafkaReachability.problem("127.0.0.1:1")
 *     .ifPresent(p -> { System.err.println("simulate: " + p); ... });
 * // "Kafka at 127.0.0.1:1 is not reachable: no answer within 10 s"
 * }</pre>
 *
 * <p>Needs {@code kafka-clients} on the class path (an optional dependency of this module).
 */
public final class KafkaReachability {

  /** How long the commands give Kafka to answer at start. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private KafkaReachability() {}

  /** {@link #problem(String, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  public static Optional<String> problem(String bootstrapServers) {
    return problem(bootstrapServers, DEFAULT_TIMEOUT);
  }

  /**
   * Whether a Kafka cluster answers at {@code bootstrapServers} within {@code timeout}.
   *
   * @return empty when it answered with at least one broker; else one line naming the address and
   *     what went wrong, e.g. {@code Kafka at 127.0.0.1:1 is not reachable: no answer within 10 s}
   */
  public static Optional<String> problem(String bootstrapServers, Duration timeout) {
    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE - 10_000, timeout.toMillis()));
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "110live-kafka-check");
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
    Admin admin;
    try {
      admin = Admin.create(p);
    } catch (RuntimeException e) {
      // e.g. no resolvable bootstrap address, or not host:port at all
      return Optional.of(notReachable(bootstrapServers, reason(e)));
    }
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(ms))
              .nodes()
              // slack, so that the admin's own timeout fires first
              .get(ms + 5_000L, TimeUnit.MILLISECONDS);
      if (nodes.isEmpty()) {
        return Optional.of(notReachable(bootstrapServers, "it answered without any broker"));
      }
      return Optional.empty();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return Optional.of(
          notReachable(
              bootstrapServers,
              cause instanceof org.apache.kafka.common.errors.TimeoutException
                  ? noAnswer(ms)
                  : reason(cause)));
    } catch (TimeoutException e) {
      return Optional.of(notReachable(bootstrapServers, noAnswer(ms)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of(notReachable(bootstrapServers, "interrupted while waiting for an answer"));
    } finally {
      admin.close(Duration.ZERO);
    }
  }

  private static String notReachable(String bootstrapServers, String why) {
    return "Kafka at " + bootstrapServers + " is not reachable: " + why;
  }

  private static String noAnswer(int ms) {
    return "no answer within " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms");
  }

  /** The innermost message, first line only (never a class name: it is shown to the user). */
  private static String reason(Throwable e) {
    String message = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return message == null ? "an unexpected error" : message.lines().findFirst().orElse(message);
  }
}
