package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A General number cell's text taken straight from its bytes is what parsing it and printing the
 * double ({@link CellText#plain(double)}) gives, trailing zeros after a point included.
 */
class CellValuesTest {
  private final CellValues values =
      new CellValues(null, false, new int[] {0}, new String[] {"General"});

  private String fromBytes(String raw) {
    ByteText v = new ByteText();
    byte[] b = raw.getBytes(StandardCharsets.US_ASCII);
    v.append(b, 0, b.length);
    return values.number(v, 0);
  }

  @Test
  void trailing_zeros_after_a_point_read_as_the_parsed_double_prints() {
    for (String raw :
        new String[] {
          "913.0",
          "1.50",
          "-0.0",
          "0.0",
          "0.10",
          "1.",
          "100",
          "-12.3400",
          "007",
          "1.0E10",
          "1E-3",
          "7.761543283425997E-4",
          "123456789012345.0",
          "1234567890123456.0",
          "0.000000000000001000",
          "-1.25",
          "5",
          "-0",
          "9999999999999999"
        }) {
      assertThat(fromBytes(raw)).as(raw).isEqualTo(CellText.plain(Double.parseDouble(raw)));
    }
  }

  @Test
  void random_decimals_with_padding_zeros_read_as_the_parsed_double_prints() {
    Random random = new Random(18);
    for (int i = 0; i < 200_000; i++) {
      StringBuilder raw = new StringBuilder();
      if (random.nextBoolean()) raw.append('-');
      raw.append(random.nextInt(4) == 0 ? 0 : Math.abs(random.nextLong() % 10_000_000_000L));
      if (random.nextBoolean()) {
        raw.append('.');
        int digits = random.nextInt(12);
        for (int d = 0; d < digits; d++) raw.append((char) ('0' + random.nextInt(10)));
        raw.append("0".repeat(random.nextInt(3)));
      }
      String s = raw.toString();
      assertThat(fromBytes(s)).as(s).isEqualTo(CellText.plain(Double.parseDouble(s)));
    }
  }
}
