package org.live110.jobs.functions;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;

import org.junit.jupiter.api.Test;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.MinuteTotals;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.records.SeriesHour;
import org.live110.jobs.records.SessionState;

/** Every type that crosses an operator boundary or sits in state is a Flink POJO, never Kryo. */
class PojoSerializationTest {
  @Test
  void streamRecordsAreFlinkPojos() {
    assertSerializedAsPojoWithoutKryo(ParsedRecord.class);
    assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    assertSerializedAsPojoWithoutKryo(KeyedValue.class);
    assertSerializedAsPojoWithoutKryo(SeriesFact.class);
    assertSerializedAsPojoWithoutKryo(CountyTotals.class);
  }

  @Test
  void stateTypesAreFlinkPojos() {
    assertSerializedAsPojoWithoutKryo(CountyTotals.class);
    assertSerializedAsPojoWithoutKryo(MinuteTotals.class);
    assertSerializedAsPojoWithoutKryo(SeriesHour.class);
    assertSerializedAsPojoWithoutKryo(SessionState.class);
  }
}
