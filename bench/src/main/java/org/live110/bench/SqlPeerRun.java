package org.live110.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.bridge.java.StreamStatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.live110.kafka.EmbeddedKafkaBroker;
import org.live110.kafka.TopicSpec;
import org.live110.model.Kpi;
import org.live110.model.Topics;
import org.live110.model.plan.CampaignCalendar;
import org.live110.model.registry.CountyRegistry;

/**
 * The peer: the same KPIs written the way a user might write them — Flink SQL over the same topics
 * with the {@code kafka} connector and {@code json} format (bad JSON skipped by {@code
 * json.ignore-parse-errors}, the contract's other rules as WHERE clauses), de-duplication by {@code
 * ROW_NUMBER()}, {@code GROUP BY countyCode} with {@code COUNT(DISTINCT ...)} and {@code SUM},
 * mini-batch on, results to {@code upsert-kafka}.
 *
 * <p>The source is bounded at the offsets present when the job starts, so the job ends exactly when
 * it has drained the input: its time is submission to end. Input: broker, topics, run name. Output:
 * {@link Result} with the time and the totals read back from the sink topics.
 */
public final class SqlPeerRun {
  private final EmbeddedKafkaBroker broker;
  private final Topics topics;
  private final CountyRegistry registry;
  private final CampaignCalendar calendar;
  private final int parallelism;
  private final Duration checkpointInterval;
  private final java.nio.file.Path checkpointDir;

  public SqlPeerRun(
      EmbeddedKafkaBroker broker,
      Topics topics,
      CountyRegistry registry,
      CampaignCalendar calendar,
      int parallelism,
      Duration checkpointInterval,
      java.nio.file.Path checkpointDir) {
    this.broker = broker;
    this.topics = topics;
    this.registry = registry;
    this.calendar = calendar;
    this.parallelism = parallelism;
    this.checkpointInterval = checkpointInterval;
    this.checkpointDir = checkpointDir;
  }

  /** Seconds from submission to the end of the bounded job, and the campaign-wide totals. */
  public record Result(double seconds, Map<Kpi, Long> all, int counties) {}

  /** Runs the SQL job once over everything in the input topics. */
  public Result run(BenchCluster cluster, String run) throws Exception {
    String kpiTopic = "sql.kpis." + run;
    String salesTopic = "sql.sales." + run;
    broker.createTopics(
        List.of(TopicSpec.compacted(kpiTopic, 1), TopicSpec.compacted(salesTopic, 1)));
    Configuration conf = new Configuration();
    // File checkpoints, as for the job: the JobManager's in-memory storage caps a state handle at
    // 5 MB, and the dedup state of a year is larger (checkpoints failed, the job restarted).
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        checkpointDir.resolve("sql-" + run).toUri().toString());
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(parallelism);
    env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
    StreamTableEnvironment t =
        StreamTableEnvironment.create(env, EnvironmentSettings.inStreamingMode());
    // The tuning the Flink docs recommend for aggregations; the job coalesces output too.
    t.getConfig().set("table.exec.mini-batch.enabled", "true");
    t.getConfig().set("table.exec.mini-batch.allow-latency", "200 ms");
    t.getConfig().set("table.exec.mini-batch.size", "5000");
    for (String ddl : statements(run, kpiTopic, salesTopic)) {
      t.executeSql(ddl);
    }
    StreamStatementSet set = t.createStatementSet();
    set.addInsertSql(KPI_INSERT);
    set.addInsertSql(SALES_INSERT);
    set.attachAsDataStream();
    long start = System.nanoTime();
    JobID job = cluster.submit(env);
    cluster.awaitEnd(job, 1800);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, JsonNode> kpis = readUpserts(kpiTopic);
    Map<String, JsonNode> sales = readUpserts(salesTopic);
    Map<Kpi, Long> all = new EnumMap<>(Kpi.class);
    for (Kpi k : Kpi.all()) {
      all.put(k, 0L);
    }
    for (JsonNode n : kpis.values()) {
      for (Kpi k : Kpi.all()) {
        if (k != Kpi.SALES_FEN) {
          all.merge(k, n.path(k.key()).asLong(), Long::sum);
        }
      }
      all.merge(Kpi.SALES_FEN, -n.path("refundedFen").asLong(), Long::sum);
    }
    for (JsonNode n : sales.values()) {
      all.merge(Kpi.SALES_FEN, n.path("grossFen").asLong(), Long::sum);
    }
    return new Result(seconds, all, kpis.size());
  }

  private List<String> statements(String run, String kpiTopic, String salesTopic) {
    String counties =
        registry.counties().stream()
            .map(c -> "'" + c.code() + "'")
            .collect(Collectors.joining(", "));
    String source =
        """
        CREATE TEMPORARY TABLE events (
          eventId STRING, `type` STRING, eventTime STRING, countyCode STRING,
          contentId STRING, authorKind STRING, platform STRING, traineeId STRING,
          impressions BIGINT, `reads` BIGINT,
          sessionId STRING, hostId STRING, viewersOnline BIGINT, newViewers BIGINT, likes BIGINT,
          shopId STRING, enterpriseName STRING, productId STRING, productName STRING,
          priceFen BIGINT, orderId STRING, quantity BIGINT, amountFen BIGINT, channel STRING,
          courseId STRING, `mode` STRING, householdId STRING,
          proc AS PROCTIME()
        ) WITH (
          'connector' = 'kafka',
          'topic' = '%s',
          'properties.bootstrap.servers' = '%s',
          'properties.group.id' = 'bench-sql-%s',
          'properties.isolation.level' = 'read_committed',
          'scan.startup.mode' = 'earliest-offset',
          'scan.bounded.mode' = 'latest-offset',
          'format' = 'json',
          'json.ignore-parse-errors' = 'true',
          'json.fail-on-missing-field' = 'false'
        )
        """
            .formatted(String.join(";", topics.inputs()), broker.bootstrapServers(), run);
    String valid =
        """
        CREATE TEMPORARY VIEW valid_events AS SELECT * FROM timed_events WHERE
          CHAR_LENGTH(eventId) BETWEEN 1 AND 128
          AND countyCode IN (%s)
          AND utc >= TIMESTAMP '%s' AND utc < TIMESTAMP '%s'
          AND (
            (`type` = 'content_published' AND contentId IS NOT NULL AND platform IS NOT NULL
              AND authorKind IN ('trainee', 'brand', 'media')
              AND (authorKind <> 'trainee' OR traineeId IS NOT NULL))
            OR (`type` = 'content_exposure' AND contentId IS NOT NULL AND platform IS NOT NULL
              AND authorKind IN ('trainee', 'brand', 'media') AND impressions >= 0 AND `reads` >= 0)
            OR (`type` = 'live_started' AND sessionId IS NOT NULL AND hostId IS NOT NULL
              AND platform IS NOT NULL)
            OR (`type` = 'live_stats' AND sessionId IS NOT NULL AND viewersOnline >= 0
              AND newViewers >= 0 AND likes >= 0)
            OR (`type` = 'live_ended' AND sessionId IS NOT NULL)
            OR (`type` = 'shop_opened' AND shopId IS NOT NULL AND enterpriseName IS NOT NULL
              AND platform IS NOT NULL)
            OR (`type` = 'product_listed' AND productId IS NOT NULL AND shopId IS NOT NULL
              AND productName IS NOT NULL AND priceFen > 0)
            OR (`type` = 'order_paid' AND orderId IS NOT NULL AND shopId IS NOT NULL
              AND productId IS NOT NULL AND quantity >= 1 AND amountFen > 0
              AND channel IN ('livestream', 'short_video', 'store'))
            OR (`type` = 'order_refunded' AND orderId IS NOT NULL AND amountFen > 0)
            OR (`type` = 'training_attended' AND traineeId IS NOT NULL AND courseId IS NOT NULL
              AND `mode` IN ('online', 'offline'))
            OR (`type` = 'household_benefited' AND householdId IS NOT NULL))
        """
            .formatted(counties, sqlUtc(calendar.start()), sqlUtc(calendar.end()));
    // RFC 3339 with any offset (or Z) to UTC, by string surgery: TO_TIMESTAMP_LTZ's pattern
    // parsing ignored the offset (events late on 31 December vanished).
    String timed =
        """
        CREATE TEMPORARY VIEW timed_events AS SELECT *,
          TIMESTAMPADD(MINUTE,
            CASE WHEN eventTime LIKE '%Z' THEN 0
              ELSE (CASE WHEN SUBSTRING(eventTime, CHAR_LENGTH(eventTime) - 5, 1) = '-'
                      THEN 1 ELSE -1 END)
                * (TRY_CAST(SUBSTRING(eventTime, CHAR_LENGTH(eventTime) - 4, 2) AS INT) * 60
                   + TRY_CAST(SUBSTRING(eventTime, CHAR_LENGTH(eventTime) - 1, 2) AS INT))
            END,
            TRY_CAST(REPLACE(SUBSTRING(eventTime, 1, 19), 'T', ' ') AS TIMESTAMP(0))) AS utc
        FROM events
        """;
    String dedup =
        """
        CREATE TEMPORARY VIEW unique_events AS SELECT * FROM (
          SELECT *, ROW_NUMBER() OVER (PARTITION BY eventId ORDER BY proc ASC) AS rn
          FROM valid_events) WHERE rn = 1
        """;
    String orders =
        """
        CREATE TEMPORARY VIEW unique_orders AS SELECT * FROM (
          SELECT countyCode, amountFen,
            ROW_NUMBER() OVER (PARTITION BY countyCode, orderId ORDER BY proc ASC) AS rn
          FROM unique_events WHERE `type` = 'order_paid') WHERE rn = 1
        """;
    String kpiSink =
        """
        CREATE TEMPORARY TABLE kpi_sink (
          countyCode STRING, exposure BIGINT, `reads` BIGINT, posts BIGINT, orders BIGINT,
          refundedFen BIGINT, shops BIGINT, products BIGINT, trainees BIGINT, households BIGINT,
          livestreams BIGINT, PRIMARY KEY (countyCode) NOT ENFORCED
        ) WITH ('connector' = 'upsert-kafka', 'topic' = '%s',
          'properties.bootstrap.servers' = '%s', 'key.format' = 'json', 'value.format' = 'json')
        """
            .formatted(kpiTopic, broker.bootstrapServers());
    String salesSink =
        """
        CREATE TEMPORARY TABLE sales_sink (
          countyCode STRING, grossFen BIGINT, PRIMARY KEY (countyCode) NOT ENFORCED
        ) WITH ('connector' = 'upsert-kafka', 'topic' = '%s',
          'properties.bootstrap.servers' = '%s', 'key.format' = 'json', 'value.format' = 'json')
        """
            .formatted(salesTopic, broker.bootstrapServers());
    return List.of(source, timed, valid, dedup, orders, kpiSink, salesSink);
  }

  private static String sqlUtc(java.time.Instant t) {
    return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
        .format(java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC));
  }

  private static final String KPI_INSERT =
      """
      INSERT INTO kpi_sink SELECT countyCode,
        COALESCE(SUM(impressions) FILTER (WHERE `type` = 'content_exposure'), 0),
        COALESCE(SUM(`reads`) FILTER (WHERE `type` = 'content_exposure'
          AND authorKind = 'trainee'), 0),
        COUNT(DISTINCT contentId) FILTER (WHERE `type` = 'content_published'
          AND authorKind = 'trainee'),
        COUNT(DISTINCT orderId) FILTER (WHERE `type` = 'order_paid'),
        COALESCE(SUM(amountFen) FILTER (WHERE `type` = 'order_refunded'), 0),
        COUNT(DISTINCT shopId) FILTER (WHERE `type` = 'shop_opened'),
        COUNT(DISTINCT productId) FILTER (WHERE `type` = 'product_listed'),
        COUNT(*) FILTER (WHERE `type` = 'training_attended'),
        COUNT(DISTINCT householdId) FILTER (WHERE `type` = 'household_benefited'),
        COUNT(DISTINCT sessionId) FILTER (WHERE `type` = 'live_started')
      FROM unique_events GROUP BY countyCode
      """;

  private static final String SALES_INSERT =
      "INSERT INTO sales_sink SELECT countyCode, SUM(amountFen) FROM unique_orders"
          + " GROUP BY countyCode";

  /** The latest value per key of a compacted upsert topic (a null value deletes the key). */
  private Map<String, JsonNode> readUpserts(String topic) throws Exception {
    ObjectMapper json = new ObjectMapper();
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    Map<String, JsonNode> latest = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long end = c.endOffsets(List.of(tp)).get(tp);
      while (c.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          String key = json.readTree(r.key()).path("countyCode").asText();
          if (r.value() == null) {
            latest.remove(key);
          } else {
            latest.put(key, json.readTree(r.value()));
          }
        }
      }
    }
    return latest;
  }
}
