package org.live110.jobs.functions;

import java.io.Serializable;
import java.util.Arrays;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.ParsedRecord;
import org.live110.model.codec.EventParser;
import org.live110.model.codec.ParseResult;
import org.live110.model.codec.RejectReason;

/**
 * The edge of the job: one input record's value bytes and coordinates in, one {@link ParsedRecord}
 * out (a flattened valid event, or a rejection carrying the original bytes). Never throws for bad
 * input: whatever the bytes are, they end up either counted or dead-lettered.
 */
public final class RecordParser implements Serializable {
  private static final long serialVersionUID = 1L;

  private final EventParser parser;

  public RecordParser(EventParser parser) {
    this.parser = parser;
  }

  public ParsedRecord parse(String topic, int partition, long offset, byte[] value) {
    ParseResult result;
    try {
      result = parser.parse(value);
    } catch (RuntimeException e) {
      // The parser promises not to throw; if it ever does, the record is still dead-lettered
      // rather than failing (and endlessly restarting) the job.
      result =
          new ParseResult.Rejected(
              RejectReason.MALFORMED_JSON, "parser error: " + e.getClass().getSimpleName());
    }
    if (result instanceof ParseResult.Accepted a) {
      return ParsedRecord.of(a.event());
    }
    ParseResult.Rejected r = (ParseResult.Rejected) result;
    DeadLetter d = new DeadLetter();
    d.reason = r.reason().code();
    d.detail = r.detail();
    d.topic = topic;
    d.partition = partition;
    d.offset = offset;
    int max = parser.maxBytes();
    if (value == null) {
      d.size = -1;
      d.value = new byte[0];
    } else {
      d.size = value.length;
      d.truncated = value.length > max;
      d.value = d.truncated ? Arrays.copyOf(value, max) : value;
    }
    return ParsedRecord.rejected(d);
  }
}
