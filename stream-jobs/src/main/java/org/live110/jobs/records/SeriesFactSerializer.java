package org.live110.jobs.records;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Writes a {@link SeriesFact} field by field, the zero figures left out (a bit mask says which are
 * there). In a replay about three facts cross the series shuffle per counted event, and most of
 * their six figures are zero (an exposure has no sales); Flink's POJO serializer wrote all eight
 * fields by reflection. Facts are never kept in state, so the format only has to agree between two
 * running tasks of the same build; {@code SeriesFactSerializerTest} fails when a field is added to
 * the record but not here.
 */
public final class SeriesFactSerializer extends HandWrittenSerializer<SeriesFact> {
  private static final long serialVersionUID = 1L;

  public static final SeriesFactSerializer INSTANCE = new SeriesFactSerializer();

  @Override
  public SeriesFact createInstance() {
    return new SeriesFact();
  }

  @Override
  public SeriesFact copy(SeriesFact from) {
    return from.withScope(from.scope);
  }

  @Override
  public void serialize(SeriesFact f, DataOutputView out) throws IOException {
    writeString(f.scope, out);
    out.writeLong(f.eventTime);
    long[] figures = {f.count, f.salesFen, f.orders, f.exposure, f.reads, f.newViewers};
    int present = 0;
    for (int i = 0; i < figures.length; i++) {
      if (figures[i] != 0) {
        present |= 1 << i;
      }
    }
    out.writeByte(present);
    for (long v : figures) {
      if (v != 0) {
        out.writeLong(v);
      }
    }
  }

  @Override
  public SeriesFact deserialize(DataInputView in) throws IOException {
    SeriesFact f = new SeriesFact();
    f.scope = readString(in);
    f.eventTime = in.readLong();
    int present = in.readByte();
    f.count = (present & 1) == 0 ? 0 : in.readLong();
    f.salesFen = (present & 2) == 0 ? 0 : in.readLong();
    f.orders = (present & 4) == 0 ? 0 : in.readLong();
    f.exposure = (present & 8) == 0 ? 0 : in.readLong();
    f.reads = (present & 16) == 0 ? 0 : in.readLong();
    f.newViewers = (present & 32) == 0 ? 0 : in.readLong();
    return f;
  }

  @Override
  public TypeSerializerSnapshot<SeriesFact> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's snapshot (only needed by Flink's contracts: facts are never in state). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<SeriesFact> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes {@code TypeInformation.of(SeriesFact.class)} use this serializer. */
  public static final class Factory extends TypeInfoFactory<SeriesFact> {
    @Override
    public TypeInformation<SeriesFact> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return new SerializerTypeInfo<>(SeriesFact.class, INSTANCE);
    }
  }
}
