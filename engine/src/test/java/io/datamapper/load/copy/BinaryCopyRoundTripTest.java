package io.datamapper.load.copy;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnType;
import io.datamapper.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * Values parsed and encoded by us, copied in binary, must read back exactly like the same value
 * written as a literal and parsed by PostgreSQL itself.
 */
class BinaryCopyRoundTripTest {
  private static String schema;
  private static int tables;

  @BeforeAll
  static void schema() {
    schema = TestDatabase.freshSchema("copy_roundtrip");
  }

  /** A source text, the column format, and the same value as PostgreSQL input text. */
  record Case(String source, String format, String literal) {
    static Case same(String source) {
      return new Case(source, null, source);
    }
  }

  private static Arguments type(String type, Object... cases) {
    List<Case> list = new ArrayList<>();
    for (Object c : cases) list.add(c instanceof Case k ? k : Case.same((String) c));
    return Arguments.of(type, list);
  }

  private static Case as(String source, String literal) {
    return new Case(source, null, literal);
  }

  private static Case formatted(String source, String format, String literal) {
    return new Case(source, format, literal);
  }

  static Stream<Arguments> values() {
    return Stream.of(
        type(
            "text",
            "plain",
            "",
            "with \"quotes\", commas, and\nnew lines\r\n",
            "emoji 😀, ünïcödé, 中文, \t tab",
            "backslash \\ {braces} 'single'",
            "x".repeat(10_000)),
        type(
            "integer",
            "0",
            "-2147483648",
            "2147483647",
            as(" +42 ", "42"),
            formatted("1.234", ",.", "1234")),
        type(
            "bigint",
            "-9223372036854775808",
            "9223372036854775807",
            "1",
            formatted("1,234,567", ".,", "1234567")),
        type(
            "numeric(12,2)",
            "0",
            "1",
            "-0.5",
            "0.125",
            "-0.125",
            "9999999999.99",
            "-1234.567",
            "0.001",
            "0.005",
            as("1e3", "1000"),
            formatted("1.234,5", ",.", "1234.5")),
        type(
            "numeric",
            "0",
            "0.0",
            "-0.5",
            "123456789012345678901234567890.123456789",
            "0.0001",
            "1e-20",
            "1.500",
            "10000",
            "99990000",
            "1e100",
            "-0.00001000",
            "12345678.9",
            "0.000000000000000000001234",
            "1.5e3",
            "1.2345E2",
            "9999999999999999999999999999999999",
            "-99999999.99999999",
            "1e-16383",
            "1e131071",
            "0.00000000000000000000000000000000000000000000000000000000000000000000000000000001",
            "100000000000000000",
            "4503599627370496.5",
            formatted("3,14", ",", "3.14")),
        type("numeric(5)", "2.5", "-2.5", "99999"),
        type(
            "double precision",
            "0",
            "-0",
            "1.5",
            "3.141592653589793",
            "1e308",
            "4.9e-324",
            "2.2250738585072014e-308",
            "NaN",
            "Infinity",
            "-Infinity",
            "0.1",
            "123456789.123456789",
            "1.7976931348623157e308",
            as("-inf", "-Infinity"),
            "9007199254740993",
            "2.2250738585072011e-308",
            "2.4703282292062328e-324",
            "7.3177701707893310e+15",
            "1.00000000000000011102230246251565404236316680908203125",
            "0.30000000000000004"),
        type("boolean", "true", "f", "yes", as("0", "false"), formatted("JA", "ja|nein", "true")),
        type(
            "date",
            "2024-02-29",
            "0001-01-01",
            "5874897-12-31",
            "1999-12-31",
            "2000-01-01",
            "1970-01-01",
            "1900-03-01",
            "1582-10-04",
            "10000-01-01",
            formatted("31/12/1999", "dd/MM/yyyy", "1999-12-31"),
            formatted("15 mar 44", "d MMM yy", "2044-03-15")),
        type(
            "time",
            "00:00",
            "23:59:59.999999",
            "12:34:56.789",
            "24:00:00",
            "00:00:00.0000015",
            "23:59:60",
            "23:59:59.9999999",
            formatted("3:15 PM", "h:mm a", "15:15")),
        type(
            "timestamp",
            "2024-03-01T10:30:15.25",
            "1999-12-31 23:59:59.999999",
            "2000-01-01",
            "1900-01-01 00:00:00.000001",
            "0001-01-01 00:00",
            "294276-12-31 23:59:59.999999",
            "1969-12-31 23:59:59.5",
            "2024-12-31 23:59:60",
            "2024-02-28 24:00:00",
            "1999-12-31 23:59:59.9999995",
            formatted("31/12/1999 23:05", "dd/MM/yyyy HH:mm", "1999-12-31 23:05")),
        type(
            "timestamptz",
            "2024-01-01T10:00:00Z",
            "2024-01-01 12:00:00+02",
            "1950-06-15 08:00:00-05:30",
            "2000-01-01",
            "0001-01-01 00:00:00+00",
            "1969-12-31 23:59:59.999999Z",
            "2024-06-30 12:00:00+1400",
            "294276-12-31 22:59:59.999999-01",
            formatted(
                "01.07.2024 12:00 Europe/Berlin",
                "dd.MM.yyyy HH:mm VV",
                "2024-07-01 12:00 Europe/Berlin")),
        type(
            "uuid",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "{A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A12}",
            "00000000-0000-0000-0000-000000000000",
            "ffffffff-ffff-ffff-ffff-ffffffffffff",
            "0123456789abcdef0123456789ABCDEF"),
        type(
            "jsonb",
            "{\"b\": 1, \"a\": [1, 2.50, null, true]}",
            "\"str ünï 😀\"",
            "123.4500",
            "null",
            "{\"e\": \"\\u00e9\\ud83d\\ude00\\n\"}",
            "[]",
            "{\"big\": 1e300, \"small\": -1.5e-300}",
            "{\"a\": 1, \"a\": 2}"),
        type(
            "text[]",
            as(
                "[\"a\", null, \"b c\", \"quote\\\"d\", \"\", \"NULL\"]",
                "{a,NULL,\"b c\",\"quote\\\"d\",\"\",\"NULL\"}"),
            "{}",
            "{x,\"y, z\",NULL,\"multi\nline 😀\"}",
            as("[]", "{}")),
        type("integer[]", as("[1, -2, null]", "{1,-2,NULL}"), "{}", "{2147483647}"),
        type("bigint[]", as("[9223372036854775807, \"-1\"]", "{9223372036854775807,-1}")),
        type(
            "numeric[]",
            as(
                "[0, -0.5, 1e-20, 123456789012345678901234567890.5, null]",
                "{0,-0.5,1e-20,123456789012345678901234567890.5,NULL}")),
        type("numeric(5,1)[]", "{1.25,2,-0.05}"),
        type("double precision[]", as("[1.5, \"NaN\", null, -0.0]", "{1.5,NaN,NULL,-0}")),
        type("boolean[]", as("[true, false, null]", "{t,f,NULL}")),
        type("date[]", "{2024-01-01,NULL,0001-01-01}"),
        type("time[]", "{00:00:00,24:00:00,12:00:00.5}"),
        type(
            "timestamp[]", as("[\"2024-01-01T10:00:00\", null]", "{\"2024-01-01 10:00:00\",NULL}")),
        type(
            "timestamptz[]",
            as(
                "[\"2024-01-01T10:00:00+02:00\", \"2024-01-01\"]",
                "{\"2024-01-01 10:00:00+02\",\"2024-01-01 00:00+00\"}")),
        type("uuid[]", "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11,NULL}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void values_copied_in_binary_read_back_exactly_like_the_same_literal_parsed_by_postgresql(
      String type, List<Case> cases) {
    String bin = schema + ".bin_" + (++tables);
    String lit = schema + ".lit_" + tables;
    TestDatabase.execute(
        "CREATE TABLE "
            + bin
            + " (id int, v "
            + type
            + "); CREATE TABLE "
            + lit
            + " (id int, v "
            + type
            + ")");
    ColumnType columnType = ColumnType.parse(type);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      rows.add(new Object[] {i, ValueParser.forColumn(columnType, c.format()).parse(c.source())});
    }
    assertThat(PgCopy.copyIn(bin, PgCopy.encode(List.of(ColumnType.INTEGER, columnType), rows)))
        .isEqualTo(cases.size());
    PgCopy.insertLiterals(lit, type, cases.stream().map(Case::literal).toList());

    List<Map<String, Object>> result =
        TestDatabase.query(
            "SELECT id, b.v::text AS copied, l.v::text AS literal FROM "
                + bin
                + " b FULL JOIN "
                + lit
                + " l USING (id) ORDER BY id");
    assertThat(result).hasSize(cases.size());
    for (Map<String, Object> row : result) {
      Case c = cases.get((Integer) row.get("id"));
      assertThat(row.get("copied"))
          .as("%s from %s", type, c.source())
          .isNotNull()
          .isEqualTo(row.get("literal"));
    }
  }

  @Test
  void a_row_with_every_column_type_and_a_row_of_nulls_copy_in_together() {
    List<String> types =
        List.of(
            "text",
            "integer",
            "bigint",
            "numeric(12,2)",
            "numeric",
            "double precision",
            "boolean",
            "date",
            "time",
            "timestamp",
            "timestamptz",
            "uuid",
            "jsonb",
            "text[]",
            "numeric[]");
    List<String> literals =
        List.of(
            "a \"b\", c\nd 😀",
            "-7",
            "9000000000",
            "1234.565",
            "-0.000123",
            "2.5e-3",
            "t",
            "2024-02-29",
            "13:14:15.161718",
            "2024-02-29 13:14:15.161718",
            "2024-02-29 13:14:15.161718+01",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "{\"k\": [1, \"v\"]}",
            "{x,NULL,\"y z\"}",
            "{1.5,NULL,-2}");
    StringBuilder columns = new StringBuilder("id int");
    for (int i = 0; i < types.size(); i++)
      columns.append(", c").append(i).append(' ').append(types.get(i));
    TestDatabase.execute(
        "CREATE TABLE "
            + schema
            + ".every_bin ("
            + columns
            + "); CREATE TABLE "
            + schema
            + ".every_lit ("
            + columns
            + ")");

    List<ColumnType> columnTypes = new ArrayList<>(List.of(ColumnType.INTEGER));
    Object[] full = new Object[types.size() + 1];
    Object[] empty = new Object[types.size() + 1];
    full[0] = 1;
    empty[0] = 2;
    StringBuilder insert = new StringBuilder("INSERT INTO " + schema + ".every_lit VALUES (1");
    for (int i = 0; i < types.size(); i++) {
      ColumnType t = ColumnType.parse(types.get(i));
      columnTypes.add(t);
      full[i + 1] = ValueParser.forColumn(t, null).parse(literals.get(i));
      insert
          .append(", '")
          .append(literals.get(i).replace("'", "''"))
          .append("'::")
          .append(types.get(i));
    }
    insert.append("), (2").append(", NULL".repeat(types.size())).append(')');
    PgCopy.copyIn(schema + ".every_bin", PgCopy.encode(columnTypes, List.of(full, empty)));
    TestDatabase.execute(insert.toString());

    List<Map<String, Object>> copied =
        TestDatabase.query("SELECT e::text AS r FROM " + schema + ".every_bin e ORDER BY id");
    List<Map<String, Object>> literal =
        TestDatabase.query("SELECT e::text AS r FROM " + schema + ".every_lit e ORDER BY id");
    assertThat(copied).isEqualTo(literal).hasSize(2);
  }

  @Test
  void chunks_taken_mid_stream_and_written_one_by_one_load_every_row() throws Exception {
    String table = schema + ".chunks";
    TestDatabase.execute("CREATE TABLE " + table + " (id bigint, name text, amount numeric(12,2))");
    List<ColumnType> types =
        List.of(ColumnType.BIGINT, ColumnType.TEXT, new ColumnType.Numeric(12, 2));
    ValueParser amount = ValueParser.forColumn(types.get(2), null);
    BinaryCopyEncoder enc = new BinaryCopyEncoder(types, 4096);
    int chunks = 0;
    try (Connection c = TestDatabase.dataSource().getConnection()) {
      CopyIn copy =
          new CopyManager(c.unwrap(BaseConnection.class))
              .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
      enc.header();
      for (long i = 1; i <= 20_000; i++) {
        enc.writeRow(new Object[] {i, "name " + i, amount.parse(i + ".25")});
        if (enc.chunkReady()) {
          CopyChunk chunk = enc.takeChunk();
          copy.writeToCopy(chunk.bytes(), 0, chunk.length());
          enc.recycle(chunk);
          chunks++;
        }
      }
      enc.trailer();
      CopyChunk last = enc.takeChunk();
      copy.writeToCopy(last.bytes(), 0, last.length());
      assertThat(copy.endCopy()).isEqualTo(20_000);
    }
    assertThat(chunks).isGreaterThan(50);
    Map<String, Object> sums =
        TestDatabase.query(
                "SELECT count(*) AS n, sum(id) AS ids, sum(amount)::text AS amounts,"
                    + " count(*) FILTER (WHERE name = 'name ' || id) AS names FROM "
                    + table)
            .get(0);
    assertThat(sums)
        .containsEntry("n", 20_000L)
        .containsEntry("ids", new java.math.BigDecimal("200010000"))
        .containsEntry("amounts", "200015000.00")
        .containsEntry("names", 20_000L);
    assertThat(Arrays.asList(enc.rows())).containsExactly(20_000L);
  }
}
