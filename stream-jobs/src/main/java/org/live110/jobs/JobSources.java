package org.live110.jobs;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.records.ParsedRecord;

/**
 * Where the job's input comes from: Kafka in production ({@link
 * org.live110.jobs.io.KafkaJobIo#sources}), bounded generated records in tests. An implementation
 * returns the parsed records (valid or rejected, made by the given {@link RecordParser}) with
 * timestamps and watermarks assigned by the given strategy.
 */
@FunctionalInterface
public interface JobSources {
  DataStream<ParsedRecord> create(
      StreamExecutionEnvironment env,
      RecordParser parser,
      WatermarkStrategy<ParsedRecord> watermarks);
}
