package org.live110.jobs.state;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.live110.jobs.records.HandWrittenSerializer;

/**
 * Writes a String as its UTF-8 bytes in one call, for the job's largest states: the distinct-id and
 * recent-eventId sets, written in full at every checkpoint.
 *
 * <p>Flink's {@link StringSerializer} writes a string one char at a time, and the heap backend's
 * checkpoint stream takes each byte through three virtual calls: in a profile of the benchmark
 * those writes were most of the checkpoint threads' CPU, a fifth of the job's. Null is written as
 * length -1.
 *
 * <p>State written by {@link StringSerializer} (by builds before this one) is still read: the
 * snapshot declares it compatible after migration, and the heap backend, which holds the state as
 * objects, just writes it in the new format at the next checkpoint.
 */
public final class BulkStringSerializer extends HandWrittenSerializer<String> {
  private static final long serialVersionUID = 1L;

  public static final BulkStringSerializer INSTANCE = new BulkStringSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public String createInstance() {
    return "";
  }

  @Override
  public String copy(String from) {
    return from;
  }

  @Override
  public void serialize(String s, DataOutputView out) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  @Override
  public String deserialize(DataInputView in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] utf8 = new byte[n];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  @Override
  public TypeSerializerSnapshot<String> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Reads its own format as is, and Flink's {@link StringSerializer} format after migration. */
  public static final class Snapshot extends ReplacingSnapshot<String> {
    public Snapshot() {
      super(() -> INSTANCE, StringSerializer.StringSerializerSnapshot.class);
    }
  }
}
