package org.live110.jobs.records;

import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.live110.jobs.state.ReplacingSnapshot;

/**
 * Writes a {@link SeriesHour} as one block of bytes: the two bit masks, the number of figures and
 * the figures. Hours are the bulk of the series state and every checkpoint writes them all; Flink's
 * POJO serializer wrote each field by reflection and each figure with a call of its own into the
 * checkpoint stream (JFR: a tenth of all samples went to the POJO and long-array serializers in the
 * checkpoint threads). The copy the heap state backend makes before changing an hour a running
 * checkpoint still holds is a plain array clone. State written by the POJO serializer of older
 * builds is restored (compatible after migration).
 */
public final class SeriesHourSerializer extends HandWrittenSerializer<SeriesHour> {
  private static final long serialVersionUID = 1L;

  public static final SeriesHourSerializer INSTANCE = new SeriesHourSerializer();

  @Override
  public SeriesHour createInstance() {
    return new SeriesHour();
  }

  @Override
  public SeriesHour copy(SeriesHour from) {
    SeriesHour h = new SeriesHour();
    h.present = from.present;
    h.dirty = from.dirty;
    h.values = from.values.clone();
    return h;
  }

  @Override
  public void serialize(SeriesHour h, DataOutputView out) throws IOException {
    int n = h.figures();
    ByteBuffer b = ByteBuffer.allocate(20 + 8 * n);
    b.putLong(h.present).putLong(h.dirty).putInt(n);
    for (int i = 0; i < n; i++) {
      b.putLong(h.values[i]);
    }
    out.write(b.array());
  }

  @Override
  public SeriesHour deserialize(DataInputView in) throws IOException {
    SeriesHour h = new SeriesHour();
    h.present = in.readLong();
    h.dirty = in.readLong();
    int n = in.readInt();
    if (n < 0 || n > 64 * SeriesHour.FIELDS) {
      throw new IOException("not a series hour: " + n + " figures");
    }
    byte[] bytes = new byte[8 * n];
    in.readFully(bytes);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    h.values = new long[n];
    for (int i = 0; i < n; i++) {
      h.values[i] = b.getLong();
    }
    return h;
  }

  @Override
  public TypeSerializerSnapshot<SeriesHour> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Reads its own format as is, and the POJO serializer's format after migration. */
  public static final class Snapshot extends ReplacingSnapshot<SeriesHour> {
    public Snapshot() {
      super(() -> INSTANCE, PojoSerializerSnapshot.class);
    }
  }

  /** Makes {@code TypeInformation.of(SeriesHour.class)} use this serializer. */
  public static final class Factory extends TypeInfoFactory<SeriesHour> {
    @Override
    public TypeInformation<SeriesHour> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return new SerializerTypeInfo<>(SeriesHour.class, INSTANCE);
    }
  }
}
