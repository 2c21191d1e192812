package org.live110.jobs.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.live110.jobs.records.HandWrittenSerializer;

/**
 * Writes a {@link RecentIdTable} as one block: the number of ids, then each id's fingerprint and
 * forget day (20 bytes an id), so that a checkpoint writes a county's ids in one call.
 */
public final class RecentIdTableSerializer extends HandWrittenSerializer<RecentIdTable> {
  private static final long serialVersionUID = 1L;
  private static final int ID_BYTES = 8 + 8 + 4;

  public static final RecentIdTableSerializer INSTANCE = new RecentIdTableSerializer();

  @Override
  public RecentIdTable createInstance() {
    return new RecentIdTable();
  }

  @Override
  public RecentIdTable copy(RecentIdTable from) {
    return from.copy();
  }

  @Override
  public void serialize(RecentIdTable t, DataOutputView out) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 + ID_BYTES * t.size());
    b.putInt(t.size());
    t.forEach((high, low, day) -> b.putLong(high).putLong(low).putInt(day));
    out.write(b.array());
  }

  @Override
  public RecentIdTable deserialize(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > (Integer.MAX_VALUE - 4) / ID_BYTES) {
      throw new IOException("not a recent-id table: " + n + " ids");
    }
    byte[] bytes = new byte[ID_BYTES * n];
    in.readFully(bytes);
    ByteBuffer b = ByteBuffer.wrap(bytes);
    RecentIdTable t = new RecentIdTable(n);
    for (int i = 0; i < n; i++) {
      long high = b.getLong();
      long low = b.getLong();
      int day = b.getInt();
      if (day <= 0) {
        throw new IOException("not a recent-id table: forget day " + day);
      }
      t.add(new RecentIdTable.Fingerprint(high, low), day);
    }
    return t;
  }

  @Override
  public TypeSerializerSnapshot<RecentIdTable> snapshotConfiguration() {
    return new Snapshot();
  }

  /** This format only (the state is new with this serializer). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<RecentIdTable> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
