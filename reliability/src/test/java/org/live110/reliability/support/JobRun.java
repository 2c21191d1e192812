package org.live110.reliability.support;

import java.time.Duration;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.JobConfig;
import org.live110.jobs.JobSources;
import org.live110.jobs.ProgressJob;
import org.live110.jobs.io.KafkaJobIo;
import org.live110.jobs.records.ParsedRecord;

/**
 * The stream job's own Kafka graph ({@link ProgressJob#build} with {@link KafkaJobIo}) submitted to
 * the test's MiniCluster, optionally with a {@link CrashInjector} after the sources.
 */
public final class JobRun implements AutoCloseable {
  private final JobClient client;

  private JobRun(JobClient client) {
    this.client = client;
  }

  /** The job's defaults for a test: the broker, a unique group, fast checkpoints. */
  public static JobConfig.Builder config(String bootstrapServers, String groupId) {
    return JobConfig.builder()
        .bootstrapServers(bootstrapServers)
        .groupId(groupId)
        .parallelism(2)
        .checkpointInterval(Duration.ofMillis(800));
  }

  /** Starts the job (not waiting for it to end). */
  public static JobRun start(JobConfig config, String crashSchedule) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    JobSources kafka = KafkaJobIo.sources(config);
    JobSources sources =
        crashSchedule == null
            ? kafka
            : (e, parser, watermarks) ->
                // One injector behind the one source, so the schedule counts every record once.
                kafka
                    .create(e, parser, watermarks)
                    .map(new CrashInjector(crashSchedule))
                    .returns(TypeInformation.of(ParsedRecord.class))
                    .uid("reliability-crash-injector")
                    .name("crash injector");
    ProgressJob.build(env, sources, KafkaJobIo.sinks(config), config);
    return new JobRun(env.executeAsync("110 Live progress (reliability)"));
  }

  public JobClient client() {
    return client;
  }

  public String jobId() {
    return client.getJobID().toHexString();
  }

  public JobStatus status() throws Exception {
    return client.getJobStatus().get();
  }

  @Override
  public void close() throws Exception {
    JobStatus s = status();
    if (!s.isGloballyTerminalState()) {
      client.cancel().get();
    }
  }
}
