package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ResumingInputStreamTest {
  private final byte[] data = new byte[100_000];

  {
    new Random(7).nextBytes(data);
  }

  /**
   * Serves {@code data} from an offset, and cuts every stream after {@code cut} bytes while {@code
   * failures} last.
   */
  private ResumingInputStream.RangeOpener flaky(int cut, int[] failures, List<Long> offsets) {
    return offset -> {
      offsets.add(offset);
      InputStream rest = new ByteArrayInputStream(data, (int) offset, data.length - (int) offset);
      if (failures[0]-- <= 0) return rest;
      return new InputStream() {
        int served;

        @Override
        public int read() throws IOException {
          if (served++ >= cut) throw new IOException("Connection reset");
          return rest.read();
        }
      };
    };
  }

  @Test
  void a_stream_cut_several_times_is_resumed_from_the_delivered_offset_into_the_same_bytes()
      throws IOException {
    List<Long> offsets = new ArrayList<>();
    try (ResumingInputStream in =
        new ResumingInputStream(
            flaky(30_000, new int[] {3}, offsets), data.length, S3TestServer.FAST, "x")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
      assertThat(in.resumes()).isEqualTo(3);
    }
    assertThat(offsets).containsExactly(0L, 30_000L, 60_000L, 90_000L);
  }

  @Test
  void a_body_shorter_than_the_listed_size_is_resumed_too() throws IOException {
    List<Long> offsets = new ArrayList<>();
    ResumingInputStream.RangeOpener shortFirst =
        offset -> {
          offsets.add(offset);
          int end = offset == 0 ? 1_000 : data.length;
          return new ByteArrayInputStream(data, (int) offset, end - (int) offset);
        };
    try (ResumingInputStream in =
        new ResumingInputStream(shortFirst, data.length, S3TestServer.FAST, "x")) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(offsets).containsExactly(0L, 1_000L);
  }

  @Test
  void it_gives_up_after_the_configured_tries_naming_the_offset_and_the_last_error() {
    ResumingInputStream in =
        new ResumingInputStream(
            flaky(0, new int[] {100}, new ArrayList<>()),
            data.length,
            S3TestServer.FAST,
            "s3://b/k");

    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasMessage(
            "s3://b/k: the download failed 4 times in a row at byte 0; the last error: Connection reset");
  }

  @Test
  void a_refusal_from_the_store_is_not_retried() {
    int[] calls = {0};
    ResumingInputStream in =
        new ResumingInputStream(
            offset -> {
              calls[0]++;
              throw new DataMapperException("There is no object s3://b/k");
            },
            -1,
            S3TestServer.FAST,
            "s3://b/k");

    assertThatThrownBy(in::read).isInstanceOf(DataMapperException.class);
    assertThat(calls[0]).isEqualTo(1);
  }
}
