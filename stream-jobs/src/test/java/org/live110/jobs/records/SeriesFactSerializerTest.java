package org.live110.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class SeriesFactSerializerTest {
  private static final SeriesFactSerializer SERIALIZER = SeriesFactSerializer.INSTANCE;

  private static SeriesFact roundTrip(SeriesFact f, int expectedBytes) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(8);
    SERIALIZER.serialize(f, out);
    assertThat(out.length()).isEqualTo(expectedBytes);
    DataOutputSerializer copied = new DataOutputSerializer(8);
    SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }

  @Test
  void everyFieldSurvivesTheRoundTripAndTheCopy() throws Exception {
    SeriesFact full = Fields.filled(new SeriesFact());
    // scope "scope-值-1": length 1 + 8 one-byte chars + 值 in 3, time 8, mask 1, six figures 48
    Fields.assertSame(full, roundTrip(full, 1 + 8 + 3 + 8 + 1 + 48));
    Fields.assertSame(full, SERIALIZER.copy(full));
  }

  @Test
  void zeroFiguresTakeNoBytesAndNegativeOnesSurvive() throws Exception {
    SeriesFact refund = new SeriesFact();
    refund.scope = "all";
    refund.eventTime = 1_559_372_400_000L;
    refund.salesFen = -4_990;
    SeriesFact back = roundTrip(refund, 1 + 3 + 8 + 1 + 8 + 8); // count 1 and salesFen
    Fields.assertSame(refund, back);

    SeriesFact none = new SeriesFact();
    none.count = 0;
    Fields.assertSame(none, roundTrip(none, 1 + 8 + 1)); // null scope is one byte
  }
}
