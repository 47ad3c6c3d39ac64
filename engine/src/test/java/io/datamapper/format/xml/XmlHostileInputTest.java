package io.datamapper.format.xml;

import static io.datamapper.format.xml.XmlRecordReaderTest.reader;
import static io.datamapper.format.xml.XmlRecordReaderTest.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import io.datamapper.mapping.XmlOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken documents: each fails with a clear {@link BadFileException}, fast, without
 * leaking anything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class XmlHostileInputTest {
  static final String MARKER = "SECRET-" + UUID.randomUUID();

  @TempDir Path dir;

  private Path secretFile() throws IOException {
    return Files.writeString(dir.resolve("secret.txt"), MARKER, StandardCharsets.UTF_8);
  }

  /** Everything an exception could show: every message and the printed stack trace. */
  static String everything(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    StringBuilder all = new StringBuilder(out.toString());
    for (Throwable c = t; c != null; c = c.getCause())
      all.append('\n').append(c).append('\n').append(c.getMessage());
    return all.toString();
  }

  /** Reads records until the end or a failure; the failure (or null) is the last element. */
  private static List<Object> readAll(XmlRecordReader reader) {
    List<Object> seen = new ArrayList<>();
    try (reader) {
      for (RawRecord r; (r = reader.next()) != null; ) {
        seen.add(List.of(r.values()).toString());
        seen.add(reader.raw(r));
      }
      seen.add(null);
    } catch (Exception e) {
      seen.add(e);
    }
    return seen;
  }

  @Test
  void an_external_entity_to_a_local_file_is_refused_and_the_file_content_appears_nowhere()
      throws IOException {
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM \""
            + secretFile().toUri()
            + "\">]>\n"
            + "<r><i><v>&xxe;</v></i></r>";

    Throwable t = catchThrowable(() -> records(reader(xml, "i")));

    assertThat(t)
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(
            "test.xml: entity reference &xxe; at line 3, column 14 is not allowed: entities declared in a DTD are"
                + " never expanded, for safety");
    assertThat(everything(t)).doesNotContain(MARKER);
    Throwable detecting = catchThrowable(() -> records(reader(xml, null)));
    assertThat(detecting)
        .as("while detecting the record element")
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("test.xml: entity reference &xxe; at line 3");
    assertThat(everything(detecting)).doesNotContain(MARKER);
  }

  @Test
  void an_external_entity_after_the_first_records_stops_the_file_without_leaking_into_records()
      throws IOException {
    StringBuilder xml =
        new StringBuilder(
            "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + secretFile().toUri() + "\">]><r>");
    for (int i = 0; i < 1500; i++)
      xml.append("<i a=\"")
          .append(i)
          .append("\"><v>")
          .append(i == 1400 ? "&xxe;" : "ok")
          .append("</v></i>\n");
    xml.append("</r>");

    List<Object> seen = readAll(reader(xml.toString(), "i"));

    assertThat(seen.get(seen.size() - 1)).isInstanceOf(BadFileException.class);
    assertThat(seen).hasSize(2 * 1400 + 1);
    assertThat(seen.stream().map(o -> o instanceof Throwable t ? everything(t) : String.valueOf(o)))
        .noneMatch(s -> s.contains(MARKER));
  }

  @Test
  void an_entity_in_an_attribute_value_is_refused_too() throws IOException {
    String xml =
        "<!DOCTYPE r [<!ENTITY xxe SYSTEM \""
            + secretFile().toUri()
            + "\">]><r><i a=\"&xxe;\"/><i/></r>";

    Throwable t = catchThrowable(() -> records(reader(xml, "i")));

    assertThat(t)
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining("entity reference &xxe;");
    assertThat(everything(t)).doesNotContain(MARKER);
  }

  @Test
  void a_dtd_is_skipped_unread_so_parameter_entities_and_external_subsets_fetch_nothing()
      throws IOException {
    String pe =
        "<!DOCTYPE r [<!ENTITY % p SYSTEM \""
            + secretFile().toUri()
            + "\"> %p; ]><r><i>a</i><i>b</i></r>";
    String external = "<!DOCTYPE r SYSTEM \"" + secretFile().toUri() + "\"><r><i>a</i><i>b</i></r>";

    for (String xml : List.of(pe, external)) {
      List<Object> seen = readAll(reader(xml, "i"));
      assertThat(seen)
          .containsExactly("[a]", "{\"#text\":\"a\"}", "[b]", "{\"#text\":\"b\"}", null);
    }
  }

  @Test
  void nothing_is_fetched_over_the_network() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body = ("<!ENTITY x \"" + MARKER + "\">").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/evil";
      String general = "<!DOCTYPE r [<!ENTITY xxe SYSTEM \"" + url + "\">]><r><i>&xxe;</i></r>";
      String parameter =
          "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p; ]><r><i>&x;</i></r>";
      String subset = "<!DOCTYPE r SYSTEM \"" + url + "\"><r><i>&x;</i></r>";

      for (String xml : List.of(general, parameter, subset)) {
        Throwable t = catchThrowable(() -> records(reader(xml, "i")));
        assertThat(t).isInstanceOf(BadFileException.class).hasMessageContaining("is not allowed");
        assertThat(everything(t)).doesNotContain(MARKER);
      }
      assertThat(requests).hasValue(0);
    } finally {
      server.stop(0);
    }
  }

  @Test
  void billion_laughs_is_refused_at_the_first_reference() {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      xml.append(" <!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
          .append("\">\n");
    }
    xml.append("]>\n<lolz><lol>&lol9;</lol><lol>&lol9;</lol></lolz>");
    long start = System.nanoTime();

    assertThatThrownBy(() -> records(reader(xml.toString(), "lol")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith(
            "test.xml: entity reference &lol9; at line 14, column 17 is not allowed");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
  }

  @Test
  void a_nesting_bomb_stops_at_the_depth_limit() {
    RepeatingInput bomb = new RepeatingInput("<r>", "<a>", 100_000, "");

    assertThatThrownBy(() -> records(read(bomb, "a")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("bomb.xml: the XML at line 1, column ")
        .hasMessageContaining(
            "nests elements more than 200 levels deep; the limit is 200 (datamapper.limits.max-nesting-depth)");
    assertThat(bomb.position()).isLessThan(100_000);
  }

  @Test
  void a_huge_text_node_stops_at_the_text_limit_without_reading_the_rest() {
    RepeatingInput huge = new RepeatingInput("<r><i><v>", "0123456789", 50_000_000, "</v></i></r>");

    assertThatThrownBy(() -> records(read(huge, "/r/i")))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining(
            "is longer than 16,777,216 characters; the limit is 16 MB (datamapper.limits.max-value-size)");
    assertThat(huge.position()).isLessThan(30_000_000);
  }

  @Test
  void a_huge_attribute_stops_at_the_attribute_limit() {
    RepeatingInput huge = new RepeatingInput("<r><i a=\"", "0123456789", 10_000_000, "\"/></r>");

    assertThatThrownBy(() -> records(read(huge, "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining(
            "exceeds a safety limit: Maximum attribute size limit (1000000) exceeded");
  }

  @Test
  void a_record_larger_than_the_record_limit_is_refused() {
    RepeatingInput big =
        new RepeatingInput("<r>\n<i>", "<v>" + "x".repeat(1_000_000) + "</v>", 80, "</i></r>");

    assertThatThrownBy(() -> records(read(big, "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "bomb.xml: record 1 (line 2) is larger than 20,971,520 characters; the limit is 20 MB"
                + " (datamapper.limits.max-record-size). Is source.xml.recordPath the repeated element? If the file is genuine, raise the setting.");
  }

  @Test
  void a_huge_internal_dtd_subset_is_skipped_without_buffering_it() throws IOException {
    RepeatingInput dtd =
        new RepeatingInput(
            "<!DOCTYPE r [",
            "<!-- a comment that is padding, padding, padding -->",
            1_000_000,
            "]><r><i>1</i><i>2</i></r>");

    assertThat(records(read(dtd, "i"))).hasSize(2);
  }

  @Test
  void malformed_xml_names_line_and_column() {
    assertThatThrownBy(() -> records(reader("<r>\n<i><v>1</v></i>\n<i><v>2</i>\n</r>", "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.xml: malformed XML at line 3, column 10: Unexpected close tag </i>; expected </v>.");
    assertThatThrownBy(() -> records(reader("<r><i>bad \u0001 char</i></r>", "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.xml: malformed XML at line 1, column 11: Illegal character ((CTRL-CHAR, code 1))");
    assertThatThrownBy(() -> records(reader("<r><i a=1/></r>", "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("test.xml: malformed XML at line 1, column 9:");
    assertThatThrownBy(() -> records(reader("", "i")))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("test.xml: malformed XML at line 1, column ");
    assertThatThrownBy(() -> records(reader("id,name\n1,Ada\n", null)))
        .isInstanceOf(BadFileException.class)
        .hasMessageStartingWith("test.xml: malformed XML at line 1, column 1:");
  }

  @Test
  void a_truncated_file_fails_after_its_last_complete_record() throws IOException {
    StringBuilder xml = new StringBuilder("<r>\n");
    for (int i = 0; i < 2000; i++) xml.append("<i><v>").append(i).append("</v></i>\n");
    xml.append("<i><v>cut");

    List<Object> seen = readAll(reader(xml.toString(), "i"));

    assertThat(seen).hasSize(2 * 2000 + 1);
    assertThat((Throwable) seen.get(seen.size() - 1))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "test.xml: malformed XML at line 2002, column 9: Unexpected EOF; was expecting a close tag for element <v>");
  }

  private static XmlRecordReader read(InputStream in, String path) throws IOException {
    return new XmlRecordReader(in, null, new XmlOptions(path), "bomb.xml", List.of());
  }
}
