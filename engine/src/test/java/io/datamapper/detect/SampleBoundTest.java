package io.datamapper.detect;

import static io.datamapper.detect.Fixtures.column;
import static io.datamapper.detect.Fixtures.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnType;
import java.io.BufferedWriter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Detection reads a bounded sample: values past it never influence the mapping. */
class SampleBoundTest {
  private static final int FILE_BYTES = 2 << 20;

  @TempDir Path dir;

  @Test
  void a_2_mb_file_is_read_only_up_to_the_sample_size() throws IOException {
    Path file = twoMegabytesWhoseAmountTurnsToTextAfterTheSample();
    assertThat(Files.size(file)).isGreaterThanOrEqualTo(FILE_BYTES);
    try (CountingInputStream in = new CountingInputStream(Files.newInputStream(file))) {
      Detection d = Detector.detect(in, file.getFileName().toString());
      assertThat(in.count).isLessThanOrEqualTo(Detector.SAMPLE_BYTES);
      assertThat(column(d, "amount").type()).isEqualTo(ColumnType.BIGINT);
      assertThat(column(d, "day").type()).isEqualTo(ColumnType.DATE);
      assertThat(messages(d))
          .anyMatch(
              m ->
                  m.startsWith("sampled ")
                      && m.endsWith("from the first 1 MB; the rest of the file was not read"));
    }
  }

  @Test
  void detecting_a_path_also_samples_the_middle_and_the_end_which_a_stream_cannot()
      throws IOException {
    Path file = twoMegabytesWhoseAmountTurnsToTextAfterTheSample();
    try (InputStream in = Files.newInputStream(file)) {
      Detection fromStream = Detector.detect(in, file.getFileName().toString());
      Detection fromPath = Detector.detect(file);

      assertThat(column(fromStream, "amount").type()).isEqualTo(ColumnType.BIGINT);
      assertThat(column(fromPath, "amount").type()).isEqualTo(ColumnType.TEXT);
      assertThat(column(fromPath, "day").type()).isEqualTo(ColumnType.DATE);
      assertThat(messages(fromPath)).anyMatch(m -> m.contains("from the middle and the end"));
    }
  }

  @Test
  void a_record_cut_at_the_end_of_the_sample_is_not_typed() throws IOException {
    // every full record has a 5-digit amount; the record cut by the sample limit would have a
    // shorter one
    Path file = dir.resolve("cut.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,amount,flag\n");
      for (int i = 1; i <= 150_000; i++) w.write(i + ",12345,true\n");
    }
    Detection d = Detector.detect(file);
    assertThat(column(d, "flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(messages(d)).noneMatch(m -> m.contains("different field count"));
  }

  @Test
  void only_the_first_records_are_examined() throws IOException {
    Path file = dir.resolve("many.csv");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("n\n");
      for (int i = 1; i < Detector.SAMPLE_RECORDS + 100; i++) w.write(i + "\n");
      w.write("not a number\n");
    }
    assertThat(Files.size(file)).isLessThan(Detector.SAMPLE_BYTES);
    Detection d = Detector.detect(file);
    assertThat(column(d, "n").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(messages(d))
        .contains(
            "sampled "
                + (Detector.SAMPLE_RECORDS - 1)
                + " data rows from the first "
                + (Files.size(file) + 1023) / 1024
                + " KB; the rest of the file was not read");
  }

  private Path twoMegabytesWhoseAmountTurnsToTextAfterTheSample() throws IOException {
    Path file = dir.resolve("big-orders.csv");
    String padding = "x".repeat(180);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("id,amount,day,comment\n");
      long written = 0;
      for (int i = 1; written < FILE_BYTES; i++) {
        String amount = written > Detector.SAMPLE_BYTES * 3L / 2 ? "lots" : String.valueOf(i * 7);
        String line =
            i
                + ","
                + amount
                + ",2024-01-"
                + String.format("%02d", 1 + i % 28)
                + ","
                + padding
                + "\n";
        w.write(line);
        written += line.length();
      }
    }
    return file;
  }

  /** Counts the bytes a consumer pulls through it. */
  private static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) count++;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) count += n;
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long s = super.skip(n);
      count += s;
      return s;
    }
  }
}
