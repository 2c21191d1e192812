package org.live110.jobs.functions;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.ParsedRecord;

/**
 * Routes rejected records to the {@link #DEAD_LETTERS} side output and passes valid events on.
 * Input: parsed records; main output: valid events; side output: dead letters.
 */
public class SplitRejections extends ProcessFunction<ParsedRecord, ParsedRecord> {
  private static final long serialVersionUID = 1L;

  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  @Override
  public void processElement(ParsedRecord r, Context ctx, Collector<ParsedRecord> out) {
    if (r.valid()) {
      out.collect(r);
    } else {
      ctx.output(DEAD_LETTERS, r.rejection);
    }
  }
}
