package io.datamapper.format;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/** Byte arrays for {@link Utf8ReaderTest}: valid mixes and one of each malformed class. */
final class Utf8Samples {
  private Utf8Samples() {}

  /** One example of every way a sequence can be bad, each followed by an ASCII byte. */
  static final List<byte[]> MALFORMED =
      List.of(
          bytes(0x80, 'a'), // a continuation byte with no lead
          bytes(0xBF, 'a'),
          bytes(0xC0, 0x80, 'a'), // overlong 2-byte forms
          bytes(0xC1, 0xBF, 'a'),
          bytes(0xC3, 'a'), // a lead without its continuation
          bytes(0xC3, 0xC3, 0xA9),
          bytes(0xE0, 0x80, 0x80, 'a'), // overlong 3-byte forms
          bytes(0xE0, 0x9F, 0xBF, 'a'),
          bytes(0xE2, 0x82, 'a'), // 3-byte cut short
          bytes(0xE2, 'a', 0xAC),
          bytes(0xED, 0xA0, 0x80, 'a'), // surrogates
          bytes(0xED, 0xBF, 0xBF, 'a'),
          bytes(0xEF, 0xBF, 0xC0, 'a'),
          bytes(0xF0, 0x80, 0x80, 0x80, 'a'), // overlong 4-byte forms
          bytes(0xF0, 0x8F, 0xBF, 0xBF, 'a'),
          bytes(0xF4, 0x90, 0x80, 0x80, 'a'), // above U+10FFFF
          bytes(0xF5, 0x80, 0x80, 0x80, 'a'),
          bytes(0xF7, 0xBF, 0xBF, 0xBF, 'a'),
          bytes(0xF8, 0x88, 0x80, 0x80, 0x80, 'a'), // 5- and 6-byte forms
          bytes(0xFC, 0x84, 0x80, 0x80, 0x80, 0x80, 'a'),
          bytes(0xFE, 'a'),
          bytes(0xFF, 'a'),
          bytes(0xF0, 0x9F, 0x98, 'a'), // 4-byte cut short
          bytes(0xF0, 0x9F, 'a', 'a'),
          bytes(0xF1, 0x80, 0x80, 0xC0, 'a'),
          bytes(0xF4, 0x8F, 0xBF, 0x7F, 'a'));

  /** {@code chars} random characters: mostly ASCII, some 2-, 3- and 4-byte ones, as UTF-8. */
  static byte[] valid(Random random, int chars) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < chars; i++) {
      int kind = random.nextInt(10);
      int cp =
          switch (kind) {
            case 0, 1 -> 0x80 + random.nextInt(0x800 - 0x80);
            case 2 -> threeByte(random);
            case 3 -> 0x10000 + random.nextInt(0x110000 - 0x10000);
            default -> random.nextInt(0x80);
          };
      // a run of ASCII now and then, so the bulk path has something to do
      if (kind == 9) s.append("ASCII run, long enough: 0123456789");
      s.appendCodePoint(cp);
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static int threeByte(Random random) {
    while (true) {
      int cp = 0x800 + random.nextInt(0x10000 - 0x800);
      if (!Character.isSurrogate((char) cp)) return cp;
    }
  }

  static byte[] bytes(int... values) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int v : values) out.write(v);
    return out.toByteArray();
  }
}
