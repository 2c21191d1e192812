package org.live110.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class ParsedRecordSerializerTest {
  private static final ParsedRecordSerializer SERIALIZER = ParsedRecordSerializer.INSTANCE;

  private static ParsedRecord roundTrip(ParsedRecord r) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(256);
    SERIALIZER.serialize(r, out);
    ParsedRecord back = SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    DataOutputSerializer copied = new DataOutputSerializer(256);
    SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    return back;
  }

  @Test
  void everyFieldSurvivesTheRoundTripAndTheCopy() throws Exception {
    ParsedRecord full = Fields.filled(new ParsedRecord());
    Fields.assertSame(full, roundTrip(full));
    Fields.assertSame(full, SERIALIZER.copy(full));
  }

  @Test
  void nullsAndZerosSurviveToo() throws Exception {
    ParsedRecord empty = new ParsedRecord();
    Fields.assertSame(empty, roundTrip(empty));
    DeadLetter d = new DeadLetter();
    empty.rejection = d;
    Fields.assertSame(empty, roundTrip(empty));
  }
}
