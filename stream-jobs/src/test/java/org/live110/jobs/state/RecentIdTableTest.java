package org.live110.jobs.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.live110.jobs.state.RecentIdTable.Fingerprint;

class RecentIdTableTest {
  private static final int DAY = 18_050; // 2019-06-02

  private static Fingerprint id(int i) {
    return Fingerprint.of("exp-" + Integer.toString(i, 36));
  }

  @Test
  void holdsEveryIdUntilItsDayAndForgetsExactlyTheDueOnes() {
    RecentIdTable t = new RecentIdTable();
    for (int i = 0; i < 50_000; i++) {
      assertThat(t.add(id(i), DAY + i % 10)).isTrue();
    }
    assertThat(t.size()).isEqualTo(50_000);
    for (int i = 0; i < 50_000; i++) {
      assertThat(t.contains(id(i))).isTrue();
      assertThat(t.contains(id(-1 - i))).isFalse();
    }

    assertThat(t.forgetUpTo(DAY + 3)).isEqualTo(20_000); // days DAY .. DAY+3
    assertThat(t.size()).isEqualTo(30_000);
    for (int i = 0; i < 50_000; i++) {
      assertThat(t.contains(id(i))).as("id %d, day %d", i, DAY + i % 10).isEqualTo(i % 10 > 3);
    }
    assertThat(t.forgetUpTo(DAY + 3)).isZero();
    assertThat(t.forgetUpTo(DAY + 9)).isEqualTo(30_000);
    assertThat(t.isEmpty()).isTrue();
    assertThat(t.contains(id(7))).isFalse();
  }

  /**
   * Against a map, with fingerprints chosen to crowd a few slots, so that probe runs are long and
   * wrap around the table's end: every removal in place must keep every other id findable.
   */
  @Test
  void agreesWithAMapUnderCrowdedSlotsAndWrapAround() {
    Random rng = new Random(42);
    for (int round = 0; round < 200; round++) {
      RecentIdTable t = new RecentIdTable();
      Map<Fingerprint, Integer> model = new HashMap<>();
      for (int op = 0; op < 400; op++) {
        if (rng.nextInt(10) < 7) {
          // high values 0..47 and 2^k - 1 .. : homes at the start and at the end of the table
          long high = rng.nextBoolean() ? rng.nextInt(48) : (1L << (4 + rng.nextInt(4))) - 1;
          Fingerprint f = new Fingerprint(high, rng.nextInt(6));
          int day = DAY + rng.nextInt(8);
          assertThat(t.add(f, day)).isEqualTo(!model.containsKey(f));
          model.putIfAbsent(f, day);
        } else {
          int day = DAY + rng.nextInt(8);
          long due = model.values().stream().filter(d -> d <= day).count();
          assertThat(t.forgetUpTo(day)).isEqualTo(due);
          model.values().removeIf(d -> d <= day);
        }
        assertThat(t.size()).isEqualTo(model.size());
        for (Fingerprint f : model.keySet()) {
          assertThat(t.contains(f)).as("round %d op %d %s", round, op, f).isTrue();
        }
        assertThat(t.contains(new Fingerprint(rng.nextInt(48), 99))).isFalse();
      }
    }
  }

  @Test
  void anIdHeldAlreadyKeepsItsFirstDay() {
    RecentIdTable t = new RecentIdTable();
    assertThat(t.add(id(1), DAY)).isTrue();
    assertThat(t.add(id(1), DAY + 5)).isFalse();
    assertThat(t.size()).isEqualTo(1);
    assertThat(t.forgetUpTo(DAY)).isEqualTo(1);
    assertThatThrownBy(() -> t.add(id(2), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theFingerprintIsXxh3OfTheUtf8BytesAndNeverChanges() {
    // Checkpoints hold fingerprints: a build that hashed differently would miss every duplicate
    // of the ids it restored. XXH3-128 of no bytes is the algorithm's published test vector.
    Fingerprint empty = Fingerprint.of("");
    assertThat(HexFormat.of().toHexDigits(empty.high()) + HexFormat.of().toHexDigits(empty.low()))
        .isEqualTo("99aa06d3014798d86001c324468d497f");
    assertThat(Fingerprint.of("户-甘肃-0042")).isNotEqualTo(Fingerprint.of("户-甘肃-0043"));
  }

  @Test
  void aCopyIsIndependent() {
    RecentIdTable t = new RecentIdTable();
    t.add(id(1), DAY);
    RecentIdTable copy = t.copy();
    t.add(id(2), DAY);
    t.forgetUpTo(DAY - 1);
    copy.forgetUpTo(DAY);

    assertThat(t.contains(id(1))).isTrue();
    assertThat(t.contains(id(2))).isTrue();
    assertThat(copy.isEmpty()).isTrue();
  }

  @Test
  void survivesTheSerializerWithTheirDays() throws Exception {
    RecentIdTable t = new RecentIdTable();
    for (int i = 0; i < 1_000; i++) {
      t.add(id(i), DAY + i % 2);
    }
    DataOutputSerializer out = new DataOutputSerializer(64);
    RecentIdTableSerializer.INSTANCE.serialize(t, out);
    assertThat(out.length()).isEqualTo(4 + 20 * 1_000);
    DataOutputSerializer copied = new DataOutputSerializer(64);
    RecentIdTableSerializer.INSTANCE.copy(new DataInputDeserializer(out.getCopyOfBuffer()), copied);
    DataInputDeserializer in = new DataInputDeserializer(copied.getCopyOfBuffer());

    RecentIdTable back = RecentIdTableSerializer.INSTANCE.deserialize(in);

    assertThat(in.available()).isZero();
    assertThat(back.size()).isEqualTo(1_000);
    assertThat(back.forgetUpTo(DAY)).isEqualTo(500);
    for (int i = 0; i < 1_000; i++) {
      assertThat(back.contains(id(i))).isEqualTo(i % 2 == 1);
    }
  }

  @Test
  void bytesThatAreNoTableAreAClearError() {
    DataOutputSerializer negative = new DataOutputSerializer(8);
    DataOutputSerializer dayZero = new DataOutputSerializer(32);
    try {
      negative.writeInt(-3);
      dayZero.writeInt(1);
      dayZero.writeLong(1);
      dayZero.writeLong(2);
      dayZero.writeInt(0);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    for (DataOutputSerializer bytes : new DataOutputSerializer[] {negative, dayZero}) {
      assertThatThrownBy(
              () ->
                  RecentIdTableSerializer.INSTANCE.deserialize(
                      new DataInputDeserializer(bytes.getCopyOfBuffer())))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("not a recent-id table");
    }
  }
}
