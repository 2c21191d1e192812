package org.live110.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.BooleanSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.live110.jobs.testing.KeyedHarness;

class BulkStringSerializerTest {
  private static final BulkStringSerializer SERIALIZER = BulkStringSerializer.INSTANCE;

  private static String roundTrip(String s) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(16);
    SERIALIZER.serialize(s, out);
    DataOutputSerializer copied = new DataOutputSerializer(16);
    SERIALIZER.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    assertThat(copied.getCopyOfBuffer()).isEqualTo(out.getCopyOfBuffer());
    DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
    String back = SERIALIZER.deserialize(in);
    assertThat(in.available()).isZero();
    return back;
  }

  @Test
  void asciiUnicodeEmptyAndNullSurvive() throws Exception {
    for (String s :
        new String[] {"o:ORD-2019-000001", "h:户-甘肃-临夏-0042", "", "emoji 🐑 surrogate pair"}) {
      assertThat(roundTrip(s)).isEqualTo(s);
    }
    assertThat(roundTrip(null)).isNull();
  }

  @Test
  void writesLengthAndUtf8Bytes() throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(16);
    SERIALIZER.serialize("p:é", out);
    assertThat(out.getCopyOfBuffer()).containsExactly(0, 0, 0, 4, 'p', ':', 0xc3, 0xa9);
  }

  /** A MapState written with Flink's StringSerializer (by an older build) is restored. */
  @Test
  void stateWrittenByFlinksStringSerializerIsRestored() throws Exception {
    OperatorSubtaskState old;
    try (var before =
        KeyedHarness.opened(new IdSet(StringSerializer.INSTANCE), id -> "county", null)) {
      before.processElement("p:帖子-1", 0);
      before.processElement("o:ORD-7", 0);
      old = before.snapshot(1, 0);
    }
    List<String> seen = new ArrayList<>();
    try (var after = KeyedHarness.opened(new IdSet(SERIALIZER), id -> "county", old)) {
      after.processElement("o:ORD-8", 0);
      after.snapshot(2, 0); // written in the new format
      after.processElement("list", 0);
      seen.addAll(after.extractOutputValues());
    }
    assertThat(seen).containsExactlyInAnyOrder("p:帖子-1", "o:ORD-7", "o:ORD-8");
  }

  /** Keeps the ids it is given; on "list", emits them. */
  private static final class IdSet extends KeyedProcessFunction<String, String, String> {
    private final TypeSerializer<String> keys;
    private transient MapState<String, Boolean> ids;

    IdSet(TypeSerializer<String> keys) {
      this.keys = keys;
    }

    @Override
    public void open(OpenContext ctx) {
      ids =
          getRuntimeContext()
              .getMapState(new MapStateDescriptor<>("ids", keys, BooleanSerializer.INSTANCE));
    }

    @Override
    public void processElement(String id, Context ctx, Collector<String> out) throws Exception {
      if (id.equals("list")) {
        for (String k : ids.keys()) {
          out.collect(k);
        }
      } else {
        ids.put(id, Boolean.TRUE);
      }
    }
  }
}
