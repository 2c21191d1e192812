package org.live110.jobs.functions;

import static org.apache.flink.types.PojoTestUtils.assertSerializedAsPojoWithoutKryo;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;
import org.live110.jobs.records.CountyTotals;
import org.live110.jobs.records.DeadLetter;
import org.live110.jobs.records.KeyedValue;
import org.live110.jobs.records.ParsedRecord;
import org.live110.jobs.records.ParsedRecordSerializer;
import org.live110.jobs.records.SeriesFact;
import org.live110.jobs.records.SeriesFactSerializer;
import org.live110.jobs.records.SeriesHour;
import org.live110.jobs.records.SeriesHourSerializer;
import org.live110.jobs.records.SessionState;

/**
 * Every type that crosses an operator boundary or sits in state is a Flink POJO, never Kryo — but
 * {@link ParsedRecord}, {@link SeriesFact} and {@link SeriesHour}, which have their own serializers
 * ({@code ParsedRecordSerializerTest}, {@code SeriesFactSerializerTest}, {@code
 * SeriesHourSerializerTest}).
 */
class PojoSerializationTest {
  @Test
  void parsedRecordsSeriesFactsAndSeriesHoursUseTheirOwnSerializers() {
    assertThat(TypeInformation.of(ParsedRecord.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(ParsedRecordSerializer.INSTANCE);
    assertThat(TypeInformation.of(SeriesFact.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(SeriesFactSerializer.INSTANCE);
    assertThat(TypeInformation.of(SeriesHour.class).createSerializer(new SerializerConfigImpl()))
        .isSameAs(SeriesHourSerializer.INSTANCE);
  }

  @Test
  void streamRecordsAreFlinkPojos() {
    assertSerializedAsPojoWithoutKryo(DeadLetter.class);
    assertSerializedAsPojoWithoutKryo(KeyedValue.class);
    assertSerializedAsPojoWithoutKryo(CountyTotals.class);
  }

  @Test
  void stateTypesAreFlinkPojos() {
    assertSerializedAsPojoWithoutKryo(CountyTotals.class);
    assertSerializedAsPojoWithoutKryo(SessionState.class);
  }
}
