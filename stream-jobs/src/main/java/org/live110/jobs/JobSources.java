package org.live110.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.records.ParsedRecord;

/**
 * Where the job's input comes from: Kafka in production ({@link
 * org.live110.jobs.io.KafkaJobIo#sources}), bounded generated records in tests. An implementation
 * returns one stream of parsed records (valid or rejected, made by the given {@link RecordParser})
 * with timestamps and watermarks assigned by the given strategy.
 *
 * <p>One stream from one source, not a union of several: the job splits off the rejected records
 * right behind it, chained into the source's task (an operator with several inputs cannot be
 * chained, and the split as a task of its own cost a full serialization of every event), and one
 * source over the four topics runs fewer tasks and threads than one per topic (BENCHMARKS.md, items
 * 7 and 20).
 */
@FunctionalInterface
public interface JobSources {
  DataStream<ParsedRecord> create(
      StreamExecutionEnvironment env,
      RecordParser parser,
      WatermarkStrategy<ParsedRecord> watermarks);
}
