package org.live110.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {
  private static Instant viaFormatter(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-06-01T10:00:00+08:00",
        "2019-06-01T02:00:00Z",
        "2019-06-01T02:00:00.5Z",
        "2019-06-01T02:00:00.123456789+08:00",
        "2019-12-31T23:59:59.999-05:30",
        "2020-02-29T00:00:00+00:00",
        "2019-01-01T00:00:00-00:00",
        "2019-06-01T10:00:00+18:00"
      })
  void theCommonShapesGiveTheFormattersInstant(String s) {
    assertThat(Rfc3339.fastParse(s)).isNotNull().isEqualTo(viaFormatter(s));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-02-29T10:00:00+08:00", // no such day
        "2019-13-01T10:00:00Z",
        "2019-06-01T24:00:00Z",
        "2019-06-01T10:60:00Z",
        "2019-06-01T10:00:60Z",
        "2019-06-01T10:00:00+19:00",
        "2019-06-01T10:00:00+08:60",
        "2019-06-01T10:00:00",
        "2019-06-01 10:00:00Z",
        "2019-06-01t10:00:00Z",
        "2019-06-01T10:00:00z",
        "2019-06-01T10:00:00.Z",
        "2019-06-01T10:00:00.1234567891Z",
        "2019-06-01T10:00:00+0800",
        "2019-06-01T10:00:00+08:00 ",
        "2019-06-01T10:00+08:00",
        "+2019-06-01T10:00:00Z",
        "２019-06-01T10:00:00Z"
      })
  void everythingElseFallsBackToTheFormatter(String s) {
    assertThat(Rfc3339.fastParse(s)).isNull();
  }
}
