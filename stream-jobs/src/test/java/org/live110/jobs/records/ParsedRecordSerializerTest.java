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
  void textOfAnyLengthAndScriptSurvives() throws Exception {
    ParsedRecord r = new ParsedRecord();
    r.title = "湘西椪柑直播专场 😀"; // 3- and 4-byte UTF-8
    r.productName = "腊肉".repeat(100); // 600 bytes: a two-byte length
    r.enterpriseName = "x".repeat(127); // 128 with the null marker: the first two-byte length
    r.hostId = "";
    ParsedRecord back = roundTrip(r);
    assertThat(back.title).isEqualTo(r.title);
    assertThat(back.productName).isEqualTo(r.productName);
    assertThat(back.enterpriseName).isEqualTo(r.enterpriseName);
    assertThat(back.hostId).isEmpty();
    assertThat(back.shopId).isNull();
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
