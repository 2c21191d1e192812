package org.live110.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8#isValid} agrees with the JDK's strict UTF-8 decoder, wherever the bytes fall. */
class Utf8Test {

  /** The JDK's verdict: a decoder that reports malformed input instead of replacing it. */
  private static boolean jdkAccepts(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  @Test
  void agreesWithTheJdkOnMostlyAsciiBytesWithAnythingAnywhere() {
    Random random = new Random(42);
    byte[][] pieces = {
      "湖南".getBytes(StandardCharsets.UTF_8), // 3-byte characters
      "é".getBytes(StandardCharsets.UTF_8), // 2 bytes
      "😀".getBytes(StandardCharsets.UTF_8), // 4 bytes
      {(byte) 0xC0, (byte) 0x80}, // overlong
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate
      {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
      {(byte) 0xE6, (byte) 0xB9}, // truncated
      {(byte) 0x80}, // a lone continuation byte
    };
    int rejected = 0;
    for (int run = 0; run < 20_000; run++) {
      byte[] b = new byte[random.nextInt(40)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (' ' + random.nextInt(90));
      }
      if (b.length > 0 && random.nextInt(4) > 0) {
        // one piece at any offset, so that it falls before, across and after 8-byte words
        byte[] piece = pieces[random.nextInt(pieces.length)];
        int at = random.nextInt(b.length);
        System.arraycopy(piece, 0, b, at, Math.min(piece.length, b.length - at));
      }
      boolean expected = jdkAccepts(b);
      assertThat(Utf8.isValid(b)).as(java.util.Arrays.toString(b)).isEqualTo(expected);
      rejected += expected ? 0 : 1;
    }
    assertThat(rejected).as("invalid cases exercised").isGreaterThan(1_000);
  }

  @Test
  void aBadByteAfterLongAsciiRunsIsFound() {
    for (int len = 1; len <= 33; len++) {
      for (int at = 0; at < len; at++) {
        byte[] b = new byte[len];
        java.util.Arrays.fill(b, (byte) 'a');
        b[at] = (byte) 0xFF;
        assertThat(Utf8.isValid(b)).as("0xFF at %d of %d", at, len).isFalse();
      }
      byte[] ascii = new byte[len];
      java.util.Arrays.fill(ascii, (byte) 'a');
      assertThat(Utf8.isValid(ascii)).isTrue();
    }
  }
}
