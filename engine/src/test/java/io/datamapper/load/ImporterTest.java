package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.ledger.ImportRecord;
import io.datamapper.ledger.Ledger;
import io.datamapper.ledger.RejectRecord;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingException;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImporterTest {
  @TempDir Path dir;
  private ImportFixture fx;
  private String schema;
  private Importer importer;
  private Ledger ledger;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "importer");
    schema = fx.schema();
    importer = fx.importer();
    ledger = new Ledger(TestDatabase.dataSource());
  }

  private static final String ORDERS_CSV =
      """
      Order ID,Customer,Date,Total,Paid
      1,  Ada   Lovelace ,03/04/2024,"1,234.50",yes
      2,Bob,17/04/2024,12.00,no
      3,,01/12/2023,,
      """;

  private String ordersMapping(String extra) {
    return """
        source: { format: csv }
        target: { schema: %s, table: orders }
        columns:
          - { source: "Order ID", name: order_id, type: bigint, nullable: false }
          - { source: Customer, name: customer, transform: [trim, { replace: { pattern: "\\\\s+", with: " " } }, upper] }
          - { source: Date, name: ordered_on, type: date, format: "dd/MM/yyyy" }
          - { source: Total, name: total, type: "numeric(12,2)", format: ".,", default: "0" }
          - { source: Paid, name: paid, type: boolean }
        %s
        """
        .formatted(schema, extra);
  }

  private Path write(String name, String content) {
    return fx.write(name, content);
  }

  private ImportSummary run(Path file, String mapping) {
    return importer.run(
        ImportRequest.of(ImportSource.of(file), MappingReader.parse(mapping, "test.yaml")));
  }

  @Test
  void creates_the_table_loads_typed_rows_and_records_the_import() throws IOException {
    Path file = write("orders.csv", ORDERS_CSV);

    ImportSummary summary = run(file, ordersMapping(""));

    assertThat(summary.status()).isEqualTo("succeeded");
    assertThat(summary.rowsRead()).isEqualTo(3);
    assertThat(summary.rowsInserted()).isEqualTo(3);
    assertThat(summary.createdTable()).isTrue();
    assertThat(summary.sha256()).hasSize(64);
    List<Map<String, Object>> rows =
        TestDatabase.query("SELECT * FROM " + schema + ".orders ORDER BY order_id");
    assertThat(rows.get(0))
        .containsEntry("order_id", 1L)
        .containsEntry("customer", "ADA LOVELACE")
        .containsEntry("ordered_on", java.sql.Date.valueOf(LocalDate.of(2024, 4, 3)))
        .containsEntry("total", new BigDecimal("1234.50"))
        .containsEntry("paid", true)
        .containsEntry("_import_id", summary.importId());
    assertThat(rows.get(2))
        .containsEntry("customer", null)
        .containsEntry("total", new BigDecimal("0.00"))
        .containsEntry("paid", null);
    ImportRecord record = ledger.find(summary.importId()).orElseThrow();
    assertThat(record.status()).isEqualTo("succeeded");
    assertThat(record.fileName()).isEqualTo("orders.csv");
    assertThat(record.fileSize()).isEqualTo(Files.size(file));
    assertThat(record.sha256()).isEqualTo(summary.sha256());
    assertThat(record.rowsRead()).isEqualTo(3);
    assertThat(record.rowsInserted()).isEqualTo(3);
    assertThat(record.mappingJson()).contains("order_id");
    assertThat(record.durationMs()).isNotNull();
  }

  @Test
  void a_bad_value_stops_the_import_naming_line_column_and_value_and_leaves_the_table_unchanged()
      throws IOException {
    run(write("first.csv", ORDERS_CSV), ordersMapping(""));
    Path bad =
        write(
            "bad.csv",
            """
        Order ID,Customer,Date,Total,Paid
        10,Eve,01/01/2024,5.00,yes
        11,"Mallory
        on two lines",02/01/2024,12.3.4,no
        12,Trent,03/01/2024,1.00,yes
        """);

    assertThatThrownBy(() -> run(bad, ordersMapping("")))
        .isInstanceOf(RejectedRowException.class)
        .hasMessageContaining("bad.csv")
        .hasMessageContaining("line 3")
        .hasMessageContaining("column 'total'")
        .hasMessageContaining("'12.3.4'");

    assertThat(TestDatabase.count(schema + ".orders")).isEqualTo(3);
    ImportRecord failed = ledger.list(1).get(0);
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error()).contains("12.3.4");
    assertThat(ledger.rejects(failed.id(), 10))
        .singleElement()
        .satisfies(r -> assertThat(r.raw()).contains("Mallory\non two lines"));
  }

  @Test
  void skip_mode_loads_the_good_rows_and_keeps_the_bad_ones_with_their_reason() throws IOException {
    Path file =
        write(
            "mixed.csv",
            """
        Order ID,Customer,Date,Total,Paid
        1,A,01/01/2024,1.00,yes
        x,B,01/01/2024,1.00,yes
        3,C,31/02/2024,1.00,yes
        4,D,01/01/2024,1.00,maybe
        5,E,01/01/2024,1.00,no
        ,F,01/01/2024,1.00,no
        """);

    ImportSummary summary = run(file, ordersMapping("policies: { badRows: { mode: skip } }"));

    assertThat(summary.rowsRead()).isEqualTo(6);
    assertThat(summary.rowsInserted()).isEqualTo(2);
    assertThat(summary.rowsRejected()).isEqualTo(4);
    List<RejectRecord> rejects = ledger.rejects(summary.importId(), 10);
    assertThat(rejects).extracting(RejectRecord::recordNumber).containsExactly(2L, 3L, 4L, 6L);
    assertThat(rejects)
        .extracting(RejectRecord::column)
        .containsExactly("order_id", "ordered_on", "paid", "order_id");
    assertThat(rejects.get(0).value()).isEqualTo("x");
    assertThat(rejects.get(0).lineNumber()).isEqualTo(3L);
    assertThat(rejects.get(3).reason()).contains("required");
    assertThat(rejects.get(1).raw()).isEqualTo("3,C,31/02/2024,1.00,yes");
  }

  @Test
  void skip_mode_gives_up_after_the_maximum_number_of_bad_rows() throws IOException {
    Path file = write("bad.csv", "Order ID\nx\ny\nz\n1\n");
    String mapping =
        """
        target: { schema: %s, table: ids }
        columns: [ { source: "Order ID", name: id, type: bigint } ]
        policies: { badRows: { mode: skip, max: 2 } }
        """
            .formatted(schema);

    assertThatThrownBy(() -> run(file, mapping)).hasMessageContaining("more than 2 bad rows");
    assertThat(TestDatabase.query("SELECT to_regclass('" + schema + ".ids') AS t").get(0).get("t"))
        .isNull();
  }

  @Test
  void refuses_a_file_already_imported_into_the_table_unless_forced() throws IOException {
    Path file = write("orders.csv", ORDERS_CSV);
    ImportSummary first = run(file, ordersMapping(""));

    assertThatThrownBy(() -> run(file, ordersMapping("")))
        .isInstanceOf(AlreadyImportedException.class)
        .hasMessageContaining("already imported on")
        .hasMessageContaining("as import #" + first.importId())
        .hasMessageContaining("into table " + schema + ".orders (3 rows");
    Path renamed = Files.copy(file, dir.resolve("orders-copy.csv"));
    assertThatThrownBy(() -> run(renamed, ordersMapping("")))
        .isInstanceOf(AlreadyImportedException.class);
    assertThat(TestDatabase.count(schema + ".orders")).isEqualTo(3);

    importer.run(
        new ImportRequest(
            ImportSource.of(file), MappingReader.parse(ordersMapping(""), "m"), false, true, null));
    assertThat(TestDatabase.count(schema + ".orders")).isEqualTo(6);
  }

  @Test
  void truncate_insert_replaces_the_rows_in_one_transaction() throws IOException {
    run(write("a.csv", ORDERS_CSV), ordersMapping(""));
    ImportSummary second =
        run(
            write("b.csv", "Order ID,Customer,Date,Total,Paid\n9,Z,01/01/2024,1.00,yes\n"),
            ordersMapping("").replace("table: orders", "table: orders, mode: truncate-insert"));

    assertThat(TestDatabase.query("SELECT order_id, _import_id FROM " + schema + ".orders"))
        .containsExactly(Map.of("order_id", 9L, "_import_id", second.importId()));
  }

  @Test
  void a_dry_run_reads_everything_and_writes_nothing() throws IOException {
    Path file = write("orders.csv", ORDERS_CSV);
    long before = ledger.list(1000).size();

    ImportSummary summary =
        importer.run(
            new ImportRequest(
                ImportSource.of(file),
                MappingReader.parse(ordersMapping(""), "m"),
                true,
                false,
                null));

    assertThat(summary.status()).isEqualTo("dry-run");
    assertThat(summary.rowsInserted()).isEqualTo(3);
    assertThat(summary.importId()).isNull();
    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".orders') AS t").get(0).get("t"))
        .isNull();
    assertThat(ledger.list(1000)).hasSize((int) before);
  }

  @Test
  void checks_the_mapping_against_the_file_and_the_table_before_any_row_moves() throws IOException {
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".orders (order_id bigint, customer text, must text NOT NULL, amount inet)");
    Path file = write("orders.csv", ORDERS_CSV);
    String mapping =
        """
        target: { schema: %s, table: orders }
        columns:
          - { source: "Order ID", name: order_id, type: integer }
          - { source: "Client", name: customer }
          - { source: Total, name: amount }
          - { source: Paid, name: paid, type: boolean }
        """
            .formatted(schema);

    assertThatThrownBy(() -> run(file, mapping))
        .isInstanceOfSatisfying(
            MappingException.class,
            e ->
                assertThat(e.problems())
                    .satisfiesExactlyInAnyOrder(
                        p ->
                            assertThat(p)
                                .contains("column 'customer'")
                                .contains("\"Client\" is not in the file"),
                        p -> assertThat(p).contains("column 'amount'").contains("inet"),
                        p -> assertThat(p).contains("column 'paid' does not exist"),
                        p -> assertThat(p).contains("column 'must'").contains("NOT NULL")));
  }

  @Test
  void loads_into_an_existing_table_using_its_column_types() throws IOException {
    TestDatabase.execute(
        "CREATE TABLE " + schema + ".people (id integer PRIMARY KEY, name varchar(20), born date)");
    Path file = write("people.csv", "id,name,born\n1,Ada,1815-12-10\n2,Alan,1912-06-23\n");
    String mapping =
        """
        target: { schema: %s, table: people }
        columns: [ { source: id, type: bigint }, { source: name }, { source: born, type: date } ]
        """
            .formatted(schema);

    ImportSummary summary = run(file, mapping);

    assertThat(summary.notes())
        .anySatisfy(n -> assertThat(n).contains("column 'id'").contains("integer"));
    assertThat(TestDatabase.query("SELECT id, name FROM " + schema + ".people ORDER BY id"))
        .containsExactly(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Alan"));
  }

  @Test
  void reports_a_database_refusal_with_the_record_number_and_writes_nothing() throws IOException {
    TestDatabase.execute("CREATE TABLE " + schema + ".people (id bigint PRIMARY KEY)");
    Path file = write("dups.csv", "id\n1\n2\n2\n");

    assertThatThrownBy(
            () ->
                run(
                    file,
                    "target: { schema: %s, table: people }\ncolumns: [ { source: id, type: bigint } ]"
                        .formatted(schema)))
        .hasMessageContaining("dups.csv")
        .hasMessageContaining("duplicate key");
    assertThat(TestDatabase.count(schema + ".people")).isZero();
  }

  @Test
  void header_names_that_look_like_sql_are_just_column_names() throws IOException {
    Path file = write("evil.csv", "\"a\"\"; drop table x; --\",b\n1,2\n");
    String mapping =
        """
        target: { schema: %s, table: "t\\"; drop table y; --" }
        columns: [ { source: "a\\"; drop table x; --", name: "a\\"; drop table x; --" }, { source: b } ]
        """
            .formatted(schema);

    run(file, mapping);

    assertThat(
            TestDatabase.query(
                "SELECT \"a\"\"; drop table x; --\" AS a FROM "
                    + schema
                    + ".\"t\"\"; drop table y; --\""))
        .containsExactly(Map.of("a", "1"));
  }

  @Test
  void a_ragged_row_is_reported_with_its_line() throws IOException {
    Path file = write("ragged.csv", "a,b\n1,2\n3\n");

    assertThatThrownBy(
            () ->
                run(
                    file,
                    "target: { schema: %s, table: r }\ncolumns: [ { source: a }, { source: b } ]"
                        .formatted(schema)))
        .isInstanceOf(RejectedRowException.class)
        .hasMessageContaining("ragged.csv: line 3 (record 2) has 1 fields, but the header has 2");
  }

  @Test
  void skip_mode_rejects_a_ragged_row_and_loads_the_others() throws IOException {
    Path file = write("ragged.csv", "a,b\n1,2\n3\n4,5,6\n7,8\n");

    ImportSummary summary =
        run(
            file,
            "target: { schema: %s, table: r }\ncolumns: [ { source: a }, { source: b } ]\npolicies: { badRows: skip }"
                .formatted(schema));

    assertThat(summary.rowsInserted()).isEqualTo(2);
    assertThat(ledger.rejects(summary.importId(), 10))
        .extracting(RejectRecord::raw, RejectRecord::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("3", "has 1 fields, but the header has 2"),
            org.assertj.core.groups.Tuple.tuple("4,5,6", "has 3 fields, but the header has 2"));
  }

  @Test
  void reads_windows_1252_and_utf16_files() throws IOException {
    Path latin = dir.resolve("latin.csv");
    Files.write(latin, "name\nZ\u00fcrich\nS\u00e3o Paulo\n".getBytes("windows-1252"));
    Path utf16 = dir.resolve("utf16.csv");
    Files.write(utf16, "\uFEFFname\nZ\u00fcrich\n".getBytes(StandardCharsets.UTF_16LE));

    run(
        latin,
        "target: { schema: %s, table: latin }\ncolumns: [ { source: name } ]".formatted(schema));
    run(
        utf16,
        "target: { schema: %s, table: utf16 }\ncolumns: [ { source: name } ]".formatted(schema));

    assertThat(TestDatabase.query("SELECT name FROM " + schema + ".latin"))
        .extracting(r -> r.get("name"))
        .containsExactly("Z\u00fcrich", "S\u00e3o Paulo");
    assertThat(TestDatabase.query("SELECT name FROM " + schema + ".utf16"))
        .extracting(r -> r.get("name"))
        .containsExactly("Z\u00fcrich");
  }

  @Test
  void keeps_a_quoted_empty_string_apart_from_null() throws IOException {
    Path file = write("empty.csv", "a,b\n1,\"\"\n2,\n");

    run(
        file,
        "target: { schema: %s, table: e }\ncolumns: [ { source: a }, { source: b } ]"
            .formatted(schema));

    assertThat(TestDatabase.query("SELECT b FROM " + schema + ".e ORDER BY a"))
        .extracting(r -> r.get("b"))
        .containsExactly("", null);
  }

  @Test
  void imports_a_gzipped_csv_and_records_the_compressed_file() throws IOException {
    Path file = dir.resolve("orders.csv.gz");
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write(ORDERS_CSV.getBytes(StandardCharsets.UTF_8));
    }

    ImportSummary summary = run(file, ordersMapping(""));

    assertThat(summary.rowsInserted()).isEqualTo(3);
    assertThat(summary.fileSize()).isEqualTo(Files.size(file));
    assertThat(ledger.find(summary.importId()).orElseThrow().format()).isEqualTo("csv");
  }

  @Test
  void a_decompression_bomb_is_refused_and_nothing_is_written() throws IOException {
    Path file = dir.resolve("bomb.csv.gz");
    try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
      gz.write("n\n".getBytes(StandardCharsets.UTF_8));
      byte[] line = "1\n".repeat(1 << 19).getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 400; i++) gz.write(line); // 400 MB of "1\n", a few hundred KB compressed
    }
    String mapping =
        "target: { schema: %s, table: bomb }\ncolumns: [ { source: n, type: bigint } ]"
            .formatted(schema);

    assertThatThrownBy(() -> run(file, mapping)).hasMessageContaining("decompression bomb");
    assertThat(TestDatabase.query("SELECT to_regclass('" + schema + ".bomb') AS t").get(0).get("t"))
        .isNull();
  }

  @Test
  void a_json_field_that_no_record_has_is_loaded_as_null_with_a_note() throws IOException {
    Path file =
        write(
            "people.json",
            "[{\"name\": \"Ada\", \"born\": 1815}, {\"name\": \"Alan\", \"born\": 1912}]");
    String mapping =
        """
        source: { format: json }
        target: { schema: %s, table: people }
        columns: [ { source: name }, { source: brn, name: born, type: integer } ]
        """
            .formatted(schema);

    ImportSummary summary = run(file, mapping);

    assertThat(summary.rowsInserted()).isEqualTo(2);
    assertThat(summary.notes())
        .anySatisfy(
            n -> assertThat(n).contains("field \"brn\" does not appear").contains("\"born\""));
  }

  @Test
  void an_unclosed_quote_stops_the_import_instead_of_swallowing_the_rest() throws IOException {
    Path file = write("open.csv", "id,name\n1,a\n2,\"b\n3,c\n4,d\n");

    assertThatThrownBy(
            () ->
                run(
                    file,
                    "target: { schema: %s, table: o }\ncolumns: [ { source: id }, { source: name } ]"
                        .formatted(schema)))
        .hasMessageContaining("open.csv: Unclosed quoted field")
        .hasMessageContaining("line 3");
    assertThat(TestDatabase.query("SELECT to_regclass('" + schema + ".o') AS t").get(0).get("t"))
        .isNull();
  }

  @Test
  void bytes_that_are_not_utf8_after_the_detection_sample_stop_the_import_with_advice()
      throws IOException {
    Path file = dir.resolve("late.csv");
    try (var out = Files.newOutputStream(file)) {
      out.write("id,name\n".getBytes(StandardCharsets.UTF_8));
      for (int i = 1; i <= 30_000; i++)
        out.write((i + ",plain name number " + i + "\n").getBytes(StandardCharsets.UTF_8));
      out.write("30001,caf\u00e9\n".getBytes("windows-1252"));
    }

    assertThatThrownBy(
            () ->
                run(
                    file,
                    "target: { schema: %s, table: late }\ncolumns: [ { source: id }, { source: name } ]"
                        .formatted(schema)))
        .hasMessageContaining("late.csv: the text after line")
        .hasMessageContaining("is not valid UTF-8")
        .hasMessageContaining("source.encoding");
  }

  @Test
  void two_first_imports_into_a_new_table_take_turns() throws Exception {
    Path a = write("a.csv", "n\n1\n2\n");
    Path b = write("b.csv", "n\n3\n");
    String mapping =
        "target: { schema: %s, table: race }\ncolumns: [ { source: n, type: bigint } ]"
            .formatted(schema);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> run(a, mapping));
      var second = pool.submit(() -> run(b, mapping));

      assertThat(first.get().rowsInserted() + second.get().rowsInserted()).isEqualTo(3);
      assertThat(first.get().createdTable() ^ second.get().createdTable()).isTrue();
    } finally {
      pool.shutdown();
    }
    assertThat(TestDatabase.count(schema + ".race")).isEqualTo(3);
  }

  @Test
  void a_refusal_under_the_table_type_says_the_table_overrode_the_mapping() throws IOException {
    TestDatabase.execute("CREATE TABLE " + schema + ".typed (id integer)");
    Path file = write("typed.csv", "id\nabc\n");

    assertThatThrownBy(
            () ->
                run(
                    file,
                    "target: { schema: %s, table: typed }\ncolumns: [ { source: id, type: text } ]"
                        .formatted(schema)))
        .hasMessageContaining("'abc'")
        .hasMessageContaining("the table's column is integer; the mapping says text");
  }

  @Test
  void reports_progress_while_it_runs() throws IOException {
    StringBuilder csv = new StringBuilder("n\n");
    for (int i = 0; i < 200_000; i++) csv.append(i).append('\n');
    Path file = write("many.csv", csv.toString());
    List<Progress> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    Mapping mapping =
        MappingReader.parse(
            "target: { schema: %s, table: many }\ncolumns: [ { source: n, type: bigint } ]"
                .formatted(schema),
            "m");

    ImportSummary summary =
        importer.run(new ImportRequest(ImportSource.of(file), mapping, false, false, seen::add));

    assertThat(summary.rowsInserted()).isEqualTo(200_000);
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1).rowsRead()).isEqualTo(200_000);
    assertThat(seen.get(seen.size() - 1).fraction()).isEqualTo(1.0);
  }
}
