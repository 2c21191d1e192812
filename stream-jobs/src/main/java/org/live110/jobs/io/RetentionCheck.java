package org.live110.jobs.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up check of the topics that hold the campaign's events: with time-based retention, records
 * stamped with a 2019 event time are deleted by the broker within seconds, so a replay would
 * silently miss them. Warns (does not fail: the operator may know better) unless a topic keeps
 * records forever or stamps them with the log-append time.
 */
public final class RetentionCheck {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionCheck.class);

  private RetentionCheck() {}

  /** The topics among {@code topics} that would lose event-stamped records; empty when unsure. */
  public static List<String> riskyTopics(String bootstrapServers, List<String> topics) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
    List<String> risky = new ArrayList<>();
    try (Admin admin = Admin.create(p)) {
      List<ConfigResource> resources = new ArrayList<>();
      for (String t : topics) {
        resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t));
      }
      Map<ConfigResource, Config> configs =
          admin.describeConfigs(resources).all().get(10, TimeUnit.SECONDS);
      for (Map.Entry<ConfigResource, Config> e : configs.entrySet()) {
        String retention = value(e.getValue(), TopicConfig.RETENTION_MS_CONFIG);
        String stamp = value(e.getValue(), TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
        if (!"-1".equals(retention) && !"LogAppendTime".equals(stamp)) {
          risky.add(e.getKey().name());
        }
      }
    } catch (Exception e) {
      LOG.warn("could not check the retention of {}: {}", topics, e.toString());
    }
    return risky;
  }

  /** Logs a warning naming every risky topic. */
  public static void warnIfRisky(String bootstrapServers, List<String> topics) {
    List<String> risky = riskyTopics(bootstrapServers, topics);
    if (!risky.isEmpty()) {
      LOG.warn(
          "topics {} use time-based retention with CreateTime: records stamped with a past"
              + " event time are deleted at once; set retention.ms=-1 (or"
              + " message.timestamp.type=LogAppendTime)",
          risky);
    }
  }

  private static String value(Config c, String name) {
    return c.get(name) == null ? null : c.get(name).value();
  }
}
