package org.live110.jobs.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * What the job's hand-written serializers have in common: variable length, no reuse of objects (a
 * record is small and read once), and a stream-to-stream copy that reads and writes the value.
 * Subclasses write the fields and say whether the type is immutable.
 */
public abstract class HandWrittenSerializer<T> extends TypeSerializerSingleton<T> {
  private static final long serialVersionUID = 1L;

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public T copy(T from, T reuse) {
    return copy(from);
  }

  @Override
  public T deserialize(T reuse, DataInputView in) throws IOException {
    return deserialize(in);
  }

  @Override
  public void copy(DataInputView in, DataOutputView out) throws IOException {
    serialize(deserialize(in), out);
  }

  /**
   * Writes {@code s} (or null) as a count (varint: byte length + 1, 0 for null) and its UTF-8 bytes
   * in one call. Flink's {@code StringValue.writeString}/{@code readString} go char by char through
   * the stream's virtual calls: 5 % of the job's CPU on the county shuffle, which carries ~17
   * string fields per record. Only for records that never go to state (this build's format).
   */
  protected static void writeString(String s, DataOutputView out) throws IOException {
    if (s == null) {
      out.writeByte(0);
      return;
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    int count = utf8.length + 1;
    while (count >= 0x80) {
      out.writeByte(count & 0x7F | 0x80);
      count >>>= 7;
    }
    out.writeByte(count);
    out.write(utf8);
  }

  /** Reads what {@link #writeString} wrote. */
  protected static String readString(DataInputView in) throws IOException {
    int count = 0;
    int shift = 0;
    int b;
    do {
      b = in.readUnsignedByte();
      count |= (b & 0x7F) << shift;
      shift += 7;
    } while (b >= 0x80);
    if (count == 0) {
      return null;
    }
    byte[] utf8 = new byte[count - 1];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
