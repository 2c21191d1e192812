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
import org.live110.model.event.AuthorKind;
import org.live110.model.event.EventType;
import org.live110.model.event.SalesChannel;
import org.live110.model.event.TrainingMode;

/**
 * Writes a {@link ParsedRecord} field by field. Every event crosses one keyed shuffle as a
 * ParsedRecord, and Flink's POJO serializer reads and writes its 29 fields by reflection — about a
 * tenth of the job's CPU. The record is never kept in state, so the format only has to agree
 * between two running tasks of the same build. {@code ParsedRecordSerializerTest} fills every field
 * by reflection and fails when a field is added here but not there.
 */
public final class ParsedRecordSerializer extends HandWrittenSerializer<ParsedRecord> {
  private static final long serialVersionUID = 1L;

  public static final ParsedRecordSerializer INSTANCE = new ParsedRecordSerializer();

  private static final EventType[] TYPES = EventType.values();
  private static final AuthorKind[] AUTHOR_KINDS = AuthorKind.values();
  private static final SalesChannel[] CHANNELS = SalesChannel.values();
  private static final TrainingMode[] MODES = TrainingMode.values();

  @Override
  public ParsedRecord createInstance() {
    return new ParsedRecord();
  }

  @Override
  public ParsedRecord copy(ParsedRecord from) {
    ParsedRecord r = new ParsedRecord();
    r.rejection = from.rejection == null ? null : copy(from.rejection);
    r.eventId = from.eventId;
    r.type = from.type;
    r.eventTime = from.eventTime;
    r.countyCode = from.countyCode;
    r.contentId = from.contentId;
    r.authorKind = from.authorKind;
    r.platform = from.platform;
    r.traineeId = from.traineeId;
    r.impressions = from.impressions;
    r.reads = from.reads;
    r.sessionId = from.sessionId;
    r.hostId = from.hostId;
    r.title = from.title;
    r.viewersOnline = from.viewersOnline;
    r.newViewers = from.newViewers;
    r.likes = from.likes;
    r.shopId = from.shopId;
    r.enterpriseName = from.enterpriseName;
    r.productId = from.productId;
    r.productName = from.productName;
    r.priceFen = from.priceFen;
    r.orderId = from.orderId;
    r.quantity = from.quantity;
    r.amountFen = from.amountFen;
    r.channel = from.channel;
    r.courseId = from.courseId;
    r.mode = from.mode;
    r.householdId = from.householdId;
    return r;
  }

  private static DeadLetter copy(DeadLetter from) {
    DeadLetter d = new DeadLetter();
    d.reason = from.reason;
    d.detail = from.detail;
    d.topic = from.topic;
    d.partition = from.partition;
    d.offset = from.offset;
    d.size = from.size;
    d.truncated = from.truncated;
    d.value = from.value == null ? null : from.value.clone();
    return d;
  }

  @Override
  public void serialize(ParsedRecord r, DataOutputView out) throws IOException {
    DeadLetter d = r.rejection;
    out.writeBoolean(d != null);
    if (d != null) {
      writeString(d.reason, out);
      writeString(d.detail, out);
      writeString(d.topic, out);
      out.writeInt(d.partition);
      out.writeLong(d.offset);
      out.writeInt(d.size);
      out.writeBoolean(d.truncated);
      out.writeInt(d.value == null ? -1 : d.value.length);
      if (d.value != null) {
        out.write(d.value);
      }
    }
    writeString(r.eventId, out);
    out.writeByte(ordinal(r.type));
    out.writeLong(r.eventTime);
    writeString(r.countyCode, out);
    writeString(r.contentId, out);
    out.writeByte(ordinal(r.authorKind));
    writeString(r.platform, out);
    writeString(r.traineeId, out);
    out.writeLong(r.impressions);
    out.writeLong(r.reads);
    writeString(r.sessionId, out);
    writeString(r.hostId, out);
    writeString(r.title, out);
    out.writeLong(r.viewersOnline);
    out.writeLong(r.newViewers);
    out.writeLong(r.likes);
    writeString(r.shopId, out);
    writeString(r.enterpriseName, out);
    writeString(r.productId, out);
    writeString(r.productName, out);
    out.writeLong(r.priceFen);
    writeString(r.orderId, out);
    out.writeLong(r.quantity);
    out.writeLong(r.amountFen);
    out.writeByte(ordinal(r.channel));
    writeString(r.courseId, out);
    out.writeByte(ordinal(r.mode));
    writeString(r.householdId, out);
  }

  @Override
  public ParsedRecord deserialize(DataInputView in) throws IOException {
    ParsedRecord r = new ParsedRecord();
    if (in.readBoolean()) {
      DeadLetter d = new DeadLetter();
      d.reason = readString(in);
      d.detail = readString(in);
      d.topic = readString(in);
      d.partition = in.readInt();
      d.offset = in.readLong();
      d.size = in.readInt();
      d.truncated = in.readBoolean();
      int n = in.readInt();
      if (n >= 0) {
        d.value = new byte[n];
        in.readFully(d.value);
      }
      r.rejection = d;
    }
    r.eventId = readString(in);
    r.type = of(TYPES, in.readByte());
    r.eventTime = in.readLong();
    r.countyCode = readString(in);
    r.contentId = readString(in);
    r.authorKind = of(AUTHOR_KINDS, in.readByte());
    r.platform = readString(in);
    r.traineeId = readString(in);
    r.impressions = in.readLong();
    r.reads = in.readLong();
    r.sessionId = readString(in);
    r.hostId = readString(in);
    r.title = readString(in);
    r.viewersOnline = in.readLong();
    r.newViewers = in.readLong();
    r.likes = in.readLong();
    r.shopId = readString(in);
    r.enterpriseName = readString(in);
    r.productId = readString(in);
    r.productName = readString(in);
    r.priceFen = in.readLong();
    r.orderId = readString(in);
    r.quantity = in.readLong();
    r.amountFen = in.readLong();
    r.channel = of(CHANNELS, in.readByte());
    r.courseId = readString(in);
    r.mode = of(MODES, in.readByte());
    r.householdId = readString(in);
    return r;
  }

  /** 0 for null, else ordinal + 1. */
  private static int ordinal(Enum<?> e) {
    return e == null ? 0 : e.ordinal() + 1;
  }

  private static <E> E of(E[] values, byte code) {
    return code == 0 ? null : values[code - 1];
  }

  @Override
  public TypeSerializerSnapshot<ParsedRecord> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's snapshot (only needed by Flink's contracts: the record is never in state). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<ParsedRecord> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }

  /** Makes {@code TypeInformation.of(ParsedRecord.class)} use this serializer. */
  public static final class Factory extends TypeInfoFactory<ParsedRecord> {
    @Override
    public TypeInformation<ParsedRecord> createTypeInfo(
        Type t, Map<String, TypeInformation<?>> genericParameters) {
      return new SerializerTypeInfo<>(ParsedRecord.class, INSTANCE);
    }
  }
}
