package org.live110.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.live110.jobs.testing.KeyedHarness;

class SeriesHourSerializerTest {
  private static final SeriesHourSerializer SERIALIZER = SeriesHourSerializer.INSTANCE;

  private static SeriesHour hour(int... minutes) {
    SeriesHour h = new SeriesHour();
    for (int m : minutes) {
      SeriesFact f = new SeriesFact();
      f.salesFen = 100L * m - 50;
      f.orders = 1;
      f.exposure = Long.MAX_VALUE - m;
      f.reads = m;
      f.newViewers = -m;
      h.add(m, f);
    }
    return h;
  }

  private static void assertSame(SeriesHour back, SeriesHour h) {
    assertThat(back.present).isEqualTo(h.present);
    assertThat(back.dirty).isEqualTo(h.dirty);
    // only the figures count (an hour's array has room for minutes still to come)
    assertThat(java.util.Arrays.copyOf(back.values, back.figures()))
        .containsExactly(java.util.Arrays.copyOf(h.values, h.figures()));
  }

  @Test
  void everyFieldSurvivesAndTheCopyIsIndependent() throws Exception {
    for (SeriesHour h : new SeriesHour[] {new SeriesHour(), hour(0, 7, 59), hour(63 - 4)}) {
      h.dirty &= ~1L;
      DataOutputSerializer out = new DataOutputSerializer(16);
      SERIALIZER.serialize(h, out);
      assertThat(out.length()).isEqualTo(20 + 8 * h.figures());
      DataOutputSerializer copied = new DataOutputSerializer(16);
      SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
      assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
      DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
      assertSame(SERIALIZER.deserialize(in), h);
      assertThat(in.available()).isZero();

      SeriesHour copy = SERIALIZER.copy(h);
      assertSame(copy, h);
      if (h.figures() > 0) {
        copy.values[0]++;
        assertThat(h.values[0]).isNotEqualTo(copy.values[0]);
      }
    }
  }

  /** Series hours written by the POJO serializer of older builds are restored. */
  @Test
  void stateWrittenByThePojoSerializerIsRestored() throws Exception {
    OperatorSubtaskState old;
    try (var before = KeyedHarness.opened(new OneHour(pojoSerializer()), m -> "all", null)) {
      before.processElement(3L, 0);
      before.processElement(59L, 0);
      old = before.snapshot(1, 0);
    }
    List<SeriesHour> seen = new ArrayList<>();
    try (var after = KeyedHarness.opened(new OneHour(SERIALIZER), m -> "all", old)) {
      after.processElement(4L, 0);
      after.snapshot(2, 0); // written in the new format
      after.processElement(-1L, 0);
      seen.addAll(after.extractOutputValues());
    }
    assertThat(seen).hasSize(1);
    SeriesHour expected = hour(3, 59, 4);
    assertSame(seen.get(0), expected);
  }

  private static TypeSerializer<SeriesHour> pojoSerializer() throws Exception {
    Field[] fields = {
      SeriesHour.class.getField("present"),
      SeriesHour.class.getField("dirty"),
      SeriesHour.class.getField("values")
    };
    TypeSerializer<?>[] serializers = {
      LongSerializer.INSTANCE, LongSerializer.INSTANCE, LongPrimitiveArraySerializer.INSTANCE
    };
    return new PojoSerializer<>(SeriesHour.class, serializers, fields, new SerializerConfigImpl());
  }

  /** Adds a fact to minute m of one hour in state; on -1, emits the hour. */
  private static final class OneHour extends KeyedProcessFunction<String, Long, SeriesHour> {
    private final TypeSerializer<SeriesHour> serializer;
    private transient MapState<Long, SeriesHour> hours;

    OneHour(TypeSerializer<SeriesHour> serializer) {
      this.serializer = serializer;
    }

    @Override
    public void open(OpenContext ctx) {
      hours =
          getRuntimeContext()
              .getMapState(
                  new MapStateDescriptor<>("series-hours", LongSerializer.INSTANCE, serializer));
    }

    @Override
    public void processElement(Long m, Context ctx, Collector<SeriesHour> out) throws Exception {
      SeriesHour h = hours.get(0L);
      if (m < 0) {
        out.collect(h);
        return;
      }
      SeriesHour added = hour(m.intValue());
      if (h == null) {
        h = new SeriesHour();
      }
      SeriesFact f = new SeriesFact();
      f.salesFen = added.get(m.intValue(), SeriesHour.SALES_FEN);
      f.orders = 1;
      f.exposure = added.get(m.intValue(), SeriesHour.EXPOSURE);
      f.reads = m;
      f.newViewers = -m;
      h.add(m.intValue(), f);
      hours.put(0L, h);
    }
  }
}
