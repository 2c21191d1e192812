package org.live110.jobs.functions;

import org.apache.flink.api.common.functions.FilterFunction;
import org.live110.jobs.records.ParsedRecord;

/** Keeps the non-duplicate live_started, live_stats and live_ended events (for the sessions). */
public class LiveEventsOnly implements FilterFunction<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean filter(ParsedRecord r) {
    if (r.duplicate) {
      return false;
    }
    switch (r.type) {
      case LIVE_STARTED:
      case LIVE_STATS:
      case LIVE_ENDED:
        return true;
      default:
        return false;
    }
  }
}
