package org.live110.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.live110.model.Topics;
import org.live110.model.codec.EventParser;
import org.live110.model.plan.CampaignCalendar;

/**
 * Immutable configuration of the progress job (read from the command line by {@link
 * ProgressJob#main}, or built by the launcher and tests with {@link #builder()}).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics input and output topic names
 * @param groupId consumer group of the Kafka sources (offsets are also committed on checkpoints)
 * @param parallelism default operator parallelism (roll-up and dead-letter counter run at 1)
 * @param checkpointInterval exactly-once state checkpoints
 * @param dedupRetention how long (event time, behind the watermark) additive eventIds are kept
 * @param sessionTimeout event-time silence after which a live session is closed as timed out
 * @param sessionRetention how long (event time, behind the watermark) a session's state is kept
 *     after its last event; at least {@code sessionTimeout}, so a live session is closed as timed
 *     out (and that state sent) before it can be forgotten
 * @param emitInterval end-to-end bound of output coalescing: each of the two emitting stages
 *     (county, roll-up) coalesces for half of it
 * @param outOfOrderness bounded out-of-orderness of the campaign clock (watermark)
 * @param idleness a source partition without records for this long stops holding the clock back
 * @param seriesWindow how far behind the watermark per-minute buckets are kept (24 h + margin)
 * @param bufferTimeout network buffer flush timeout (latency vs throughput)
 * @param registryFile county registry CSV, or null for the bundled sample
 * @param targetsFile annual targets CSV, or null for the plan's targets
 * @param year the campaign year
 * @param maxRecordBytes input records larger than this are dead-lettered (truncated) as too_large
 */
public record JobConfig(
    String bootstrapServers,
    Topics topics,
    String groupId,
    int parallelism,
    Duration checkpointInterval,
    Duration dedupRetention,
    Duration sessionTimeout,
    Duration sessionRetention,
    Duration emitInterval,
    Duration outOfOrderness,
    Duration idleness,
    Duration seriesWindow,
    Duration bufferTimeout,
    Path registryFile,
    Path targetsFile,
    int year,
    int maxRecordBytes) {

  public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
  public static final String DEFAULT_GROUP = "live110-progress-job";

  public JobConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(groupId, "groupId");
    requirePositive(checkpointInterval, "checkpointInterval");
    requirePositive(dedupRetention, "dedupRetention");
    requirePositive(sessionTimeout, "sessionTimeout");
    requirePositive(sessionRetention, "sessionRetention");
    if (sessionRetention.compareTo(sessionTimeout) < 0) {
      throw new IllegalArgumentException(
          "sessionRetention ("
              + sessionRetention
              + ") must be >= sessionTimeout ("
              + sessionTimeout
              + "): a live session must time out before its state is forgotten");
    }
    requirePositive(emitInterval, "emitInterval");
    requirePositive(idleness, "idleness");
    requirePositive(seriesWindow, "seriesWindow");
    Objects.requireNonNull(outOfOrderness, "outOfOrderness");
    Objects.requireNonNull(bufferTimeout, "bufferTimeout");
    if (outOfOrderness.isNegative() || bufferTimeout.isNegative()) {
      throw new IllegalArgumentException("outOfOrderness and bufferTimeout must be >= 0");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    if (maxRecordBytes < 256) {
      throw new IllegalArgumentException("maxRecordBytes must be >= 256");
    }
    new CampaignCalendar(year); // validates the year
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be > 0");
    }
  }

  /** The coalescing interval of each of the two emitting stages. */
  public Duration stageEmitInterval() {
    return emitInterval.dividedBy(2);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .bootstrapServers(bootstrapServers)
        .topics(topics)
        .groupId(groupId)
        .parallelism(parallelism)
        .checkpointInterval(checkpointInterval)
        .dedupRetention(dedupRetention)
        .sessionTimeout(sessionTimeout)
        .sessionRetention(sessionRetention)
        .emitInterval(emitInterval)
        .outOfOrderness(outOfOrderness)
        .idleness(idleness)
        .seriesWindow(seriesWindow)
        .bufferTimeout(bufferTimeout)
        .registryFile(registryFile)
        .targetsFile(targetsFile)
        .year(year)
        .maxRecordBytes(maxRecordBytes);
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private String bootstrapServers = DEFAULT_BOOTSTRAP;
    private Topics topics = Topics.DEFAULT;
    private String groupId = DEFAULT_GROUP;
    private int parallelism = 2;
    private Duration checkpointInterval = Duration.ofSeconds(2);
    private Duration dedupRetention = Duration.ofDays(7);
    private Duration sessionTimeout = Duration.ofMinutes(30);
    private Duration sessionRetention = Duration.ofDays(1);
    private Duration emitInterval = Duration.ofMillis(200);
    private Duration outOfOrderness = Duration.ofSeconds(5);
    private Duration idleness = Duration.ofSeconds(5);
    private Duration seriesWindow = Duration.ofHours(25);
    private Duration bufferTimeout = Duration.ofMillis(10);
    private Path registryFile;
    private Path targetsFile;
    private int year = CampaignCalendar.DEFAULT_YEAR;
    private int maxRecordBytes = EventParser.DEFAULT_MAX_BYTES;

    public Builder bootstrapServers(String v) {
      bootstrapServers = v;
      return this;
    }

    public Builder topics(Topics v) {
      topics = v;
      return this;
    }

    public Builder groupId(String v) {
      groupId = v;
      return this;
    }

    public Builder parallelism(int v) {
      parallelism = v;
      return this;
    }

    public Builder checkpointInterval(Duration v) {
      checkpointInterval = v;
      return this;
    }

    public Builder dedupRetention(Duration v) {
      dedupRetention = v;
      return this;
    }

    public Builder sessionTimeout(Duration v) {
      sessionTimeout = v;
      return this;
    }

    public Builder sessionRetention(Duration v) {
      sessionRetention = v;
      return this;
    }

    public Builder emitInterval(Duration v) {
      emitInterval = v;
      return this;
    }

    public Builder outOfOrderness(Duration v) {
      outOfOrderness = v;
      return this;
    }

    public Builder idleness(Duration v) {
      idleness = v;
      return this;
    }

    public Builder seriesWindow(Duration v) {
      seriesWindow = v;
      return this;
    }

    public Builder bufferTimeout(Duration v) {
      bufferTimeout = v;
      return this;
    }

    public Builder registryFile(Path v) {
      registryFile = v;
      return this;
    }

    public Builder targetsFile(Path v) {
      targetsFile = v;
      return this;
    }

    public Builder year(int v) {
      year = v;
      return this;
    }

    public Builder maxRecordBytes(int v) {
      maxRecordBytes = v;
      return this;
    }

    public JobConfig build() {
      return new JobConfig(
          bootstrapServers,
          topics,
          groupId,
          parallelism,
          checkpointInterval,
          dedupRetention,
          sessionTimeout,
          sessionRetention,
          emitInterval,
          outOfOrderness,
          idleness,
          seriesWindow,
          bufferTimeout,
          registryFile,
          targetsFile,
          year,
          maxRecordBytes);
    }
  }
}
