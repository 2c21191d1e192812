package org.live110.jobs;

import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.records.ParsedRecord;

/**
 * Where the job's input comes from: Kafka in production ({@link
 * org.live110.jobs.io.KafkaJobIo#sources}), bounded generated records in tests. An implementation
 * returns one stream per source, not their union, of parsed records (valid or rejected, made by the
 * given {@link RecordParser}) with timestamps and watermarks assigned by the given strategy.
 *
 * <p>Not unioned because the job splits off the rejected records right behind each source: an
 * operator with several inputs cannot be chained to them, and the split as one task behind a union
 * cost a full serialization of every event on its way from the sources (BENCHMARKS.md).
 */
@FunctionalInterface
public interface JobSources {
  List<DataStream<ParsedRecord>> create(
      StreamExecutionEnvironment env,
      RecordParser parser,
      WatermarkStrategy<ParsedRecord> watermarks);
}
