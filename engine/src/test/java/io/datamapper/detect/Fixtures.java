package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnSpec;
import java.io.ByteArrayInputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Test files under {@code src/test/resources/detect} and small helpers around them. */
final class Fixtures {
  private Fixtures() {}

  static Path file(String name) {
    URL url = Fixtures.class.getResource("/detect/" + name);
    assertThat(url).as("test resource detect/" + name).isNotNull();
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Detection detect(String name) {
    return Detector.detect(file(name));
  }

  static Detection detectText(String text, String fileName) {
    return Detector.detect(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), fileName);
  }

  static ColumnSpec column(Detection d, String name) {
    return d.mapping().columns().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no column " + name + " in " + names(d)));
  }

  static List<String> names(Detection d) {
    return d.mapping().columns().stream().map(ColumnSpec::name).toList();
  }

  static List<String> sources(Detection d) {
    return d.mapping().columns().stream().map(ColumnSpec::source).toList();
  }

  static List<String> messages(Detection d) {
    return d.notes().stream().map(Note::message).toList();
  }

  static List<String> messagesFor(Detection d, String column) {
    return d.notesFor(column).stream().map(Note::message).toList();
  }
}
