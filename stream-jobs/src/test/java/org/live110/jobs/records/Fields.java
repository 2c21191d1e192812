package org.live110.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/** Reflective helpers for the hand-written serializers' tests: they see every field. */
final class Fields {
  private Fields() {}

  static List<Field> fields(Class<?> type) {
    List<Field> fs = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers())) {
        fs.add(f);
      }
    }
    return fs;
  }

  /** Sets every field to a value unlike its default, different per field. */
  static <T> T filled(T o) throws Exception {
    int i = 1;
    for (Field f : fields(o.getClass())) {
      Class<?> t = f.getType();
      if (t == String.class) {
        f.set(o, f.getName() + "-值-" + i);
      } else if (t == long.class) {
        f.setLong(o, 1_000_000_000_000L + i);
      } else if (t == int.class) {
        f.setInt(o, 1000 + i);
      } else if (t == boolean.class) {
        f.setBoolean(o, true);
      } else if (t == byte[].class) {
        f.set(o, new byte[] {(byte) 0xff, 0, (byte) i});
      } else if (t.isEnum()) {
        Object[] constants = t.getEnumConstants();
        f.set(o, constants[constants.length - 1]);
      } else if (t == DeadLetter.class) {
        f.set(o, filled(new DeadLetter()));
      } else {
        throw new AssertionError("the test does not know how to fill " + f);
      }
      i++;
    }
    return o;
  }

  static void assertSame(Object expected, Object actual) throws Exception {
    for (Field f : fields(expected.getClass())) {
      Object e = f.get(expected);
      Object a = f.get(actual);
      if (f.getType() == DeadLetter.class && e != null) {
        assertThat(a).as(f.getName()).isNotNull();
        assertSame(e, a);
      } else {
        assertThat(a).as(f.getName()).isEqualTo(e);
      }
    }
  }
}
