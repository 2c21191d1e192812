package org.live110.jobs.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesHourTest {
  private static SeriesFact fact(long sales, long exposure) {
    SeriesFact f = new SeriesFact();
    f.salesFen = sales;
    f.orders = sales > 0 ? 1 : 0;
    f.exposure = exposure;
    return f;
  }

  @Test
  void minutesArriveInAnyOrderAndKeepTheirOwnFigures() {
    SeriesHour h = new SeriesHour();
    h.add(59, fact(500, 0));
    h.add(0, fact(0, 10));
    h.add(30, fact(7, 3));
    h.add(0, fact(1, 1));
    h.add(59, fact(-200, 0));

    assertThat(h.present).isEqualTo(1L | 1L << 30 | 1L << 59);
    assertThat(h.dirty).isEqualTo(h.present);
    assertThat(h.figures()).isEqualTo(3 * SeriesHour.FIELDS); // sparse: only the present minutes
    assertThat(h.get(0, SeriesHour.VERSION)).isEqualTo(2);
    assertThat(h.get(0, SeriesHour.EXPOSURE)).isEqualTo(11);
    assertThat(h.get(0, SeriesHour.SALES_FEN)).isEqualTo(1);
    assertThat(h.get(30, SeriesHour.SALES_FEN)).isEqualTo(7);
    assertThat(h.get(30, SeriesHour.EXPOSURE)).isEqualTo(3);
    assertThat(h.get(59, SeriesHour.VERSION)).isEqualTo(2);
    assertThat(h.get(59, SeriesHour.SALES_FEN)).isEqualTo(300);
    assertThat(h.get(59, SeriesHour.ORDERS)).isEqualTo(1);
  }

  @Test
  void everyMinuteOfAnHourInAnyOrderKeepsItsOwnFigures() {
    java.util.List<Integer> minutes = new java.util.ArrayList<>();
    for (int m = 0; m < 60; m++) {
      minutes.add(m);
    }
    java.util.Collections.shuffle(minutes, new java.util.Random(3));
    SeriesHour h = new SeriesHour();
    int added = 0;
    for (int m : minutes) {
      h.add(m, fact(m + 1, 1000L * (m + 1)));
      added++;
      assertThat(h.figures()).isEqualTo(added * SeriesHour.FIELDS);
      assertThat(h.values.length).isBetween(h.figures(), 60 * SeriesHour.FIELDS);
      for (int seen : minutes.subList(0, added)) {
        assertThat(h.get(seen, SeriesHour.SALES_FEN)).as("minute %d", seen).isEqualTo(seen + 1);
        assertThat(h.get(seen, SeriesHour.EXPOSURE)).isEqualTo(1000L * (seen + 1));
        assertThat(h.get(seen, SeriesHour.VERSION)).isEqualTo(1);
      }
    }
    h.add(17, fact(1, 0));
    assertThat(h.get(17, SeriesHour.SALES_FEN)).isEqualTo(19);
    assertThat(h.get(17, SeriesHour.VERSION)).isEqualTo(2);
  }
}
