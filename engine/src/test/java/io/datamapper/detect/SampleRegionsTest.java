package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnType;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling from the middle and the end of big files, starting at record boundaries. */
class SampleRegionsTest {
  @TempDir Path dir;

  private static DialectSniffer.Result commaDialect() {
    return new DialectSniffer.Result(',', '"', '"', "\n", 0, List.of(), null, List.of(), null);
  }

  @Test
  void a_region_that_starts_inside_a_quoted_field_skips_to_the_next_real_record() {
    // cut in the middle of a quoted field whose text spans lines: the first line break is inside it
    String text =
        "ote, still inside\nthe field\",3\n"
            + "4,\"plain\",5\n6,\"two\nlines\",7\n8,\"x\",9\n10,\"y\",11\n12,\"z\",13\n14,\"w\",15\n16,\"v\",17\n18,\"u\",19\n20,\"t\",21\n";

    List<List<String>> records = SampleRegions.aligned(text, commaDialect(), 3, true);

    assertThat(records).isNotEmpty().allSatisfy(r -> assertThat(r).hasSize(3));
    assertThat(records.get(0)).containsExactly("4", "plain", "5");
    assertThat(records.get(1)).containsExactly("6", "two\nlines", "7");
  }

  @Test
  void a_region_that_cannot_be_aligned_gives_nothing() {
    String text = "a\nb\nc\nd\n";

    assertThat(SampleRegions.aligned(text, commaDialect(), 3, true)).isEmpty();
  }

  @Test
  void values_in_the_middle_and_at_the_end_of_a_big_file_shape_the_types() throws IOException {
    Path file = dir.resolve("big.csv");
    int rows = 400_000; // about 16 MB: the head sample sees only its first 1 MB
    try (BufferedWriter w = Files.newBufferedWriter(file)) {
      w.write("id,amount,comment,code\n");
      for (int i = 1; i <= rows; i++) {
        // only the second half has decimals; only the last rows use a null token
        String amount = i > rows / 2 ? i + ".5" : String.valueOf(i);
        String code = i > rows - 2_000 ? "N/A" : String.valueOf(1000 + i % 7);
        w.write(i + "," + amount + ",\"line one\nline, two of row " + i + "\"," + code + "\n");
      }
    }

    Detection d = Detector.detect(file);

    assertThat(Fixtures.column(d, "amount").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(Fixtures.column(d, "code").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(d.mapping().source().csv().nullTokens()).contains("N/A");
    assertThat(d.notes())
        .anySatisfy(n -> assertThat(n.message()).contains("from the middle and the end"));
  }

  @Test
  void a_small_file_is_read_from_the_head_only() throws IOException {
    Path file = dir.resolve("small.csv");
    Files.writeString(file, "a,b\n1,2\n3,4\n");

    Detection d = Detector.detect(file);

    assertThat(d.notes()).noneSatisfy(n -> assertThat(n.message()).contains("middle"));
  }
}
