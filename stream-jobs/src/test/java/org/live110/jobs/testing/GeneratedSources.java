package org.live110.jobs.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.live110.jobs.JobSources;
import org.live110.jobs.functions.RecordParser;
import org.live110.jobs.records.ParsedRecord;

/**
 * Bounded, checkpointable test input: the scenario's raw records replayed by a {@link
 * DataGeneratorSource} (which restores its position from checkpoints) and parsed by the job's own
 * {@link RecordParser}; optionally followed by a map that fails the job once.
 */
public final class GeneratedSources {
  private GeneratedSources() {}

  public static JobSources of(
      List<RawRecord> records, RateLimiterStrategy rate, FailOnceAfterCheckpoint failer) {
    return (env, parser, watermarks) -> {
      DataGeneratorSource<ParsedRecord> source =
          new DataGeneratorSource<>(
              new Replay(new ArrayList<>(records), parser),
              records.size(),
              rate,
              TypeInformation.of(ParsedRecord.class));
      DataStream<ParsedRecord> s =
          env.fromSource(source, watermarks, "generated input").uid("generated-input");
      if (failer != null) {
        s = s.map(failer).uid("fail-once").name("fail once");
      }
      return s;
    };
  }

  private static final class Replay implements GeneratorFunction<Long, ParsedRecord> {
    private static final long serialVersionUID = 1L;
    private final ArrayList<RawRecord> records;
    private final RecordParser parser;

    Replay(ArrayList<RawRecord> records, RecordParser parser) {
      this.records = records;
      this.parser = parser;
    }

    @Override
    public ParsedRecord map(Long index) {
      RawRecord r = records.get(index.intValue());
      return parser.parse(r.topic(), r.partition(), r.offset(), r.value());
    }
  }
}
