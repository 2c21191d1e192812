package org.live110.jobs.state;

import java.util.function.Supplier;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * The snapshot of a hand-written serializer that took over state an earlier build wrote with one of
 * Flink's serializers: its own format is read as is, the replaced one's after migration (Flink
 * restores the old serializer from its snapshot, reads the state with it and writes it anew).
 * Subclasses keep a public no-argument constructor: Flink instantiates them by name on restore.
 */
public abstract class ReplacingSnapshot<T> extends SimpleTypeSerializerSnapshot<T> {
  private final Class<?> replacedSnapshot;

  protected ReplacingSnapshot(
      Supplier<? extends TypeSerializer<T>> serializer, Class<?> replacedSnapshot) {
    super(serializer);
    this.replacedSnapshot = replacedSnapshot;
  }

  @Override
  public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(
      TypeSerializerSnapshot<T> old) {
    if (replacedSnapshot.isInstance(old)) {
      return TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
    return super.resolveSchemaCompatibility(old);
  }
}
