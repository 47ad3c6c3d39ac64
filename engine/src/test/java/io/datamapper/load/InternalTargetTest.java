package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.mapping.MappingException;
import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Data Mapper's own schemas and PostgreSQL's are never import targets: every spelling, every mode,
 * dry runs too, refused before the ledger is written or any table is touched.
 */
class InternalTargetTest {
  @TempDir Path dir;
  private ImportFixture fx;

  @BeforeEach
  void setUp() {
    fx = new ImportFixture(dir, "internal");
  }

  private static final String CSV = "id,file_name\n1,forged.csv\n";

  private static String mapping(String schema, String table, String mode, boolean keyed) {
    return """
        source: { format: csv }
        target: { schema: '%s', table: '%s', mode: %s }
        columns:
          - { source: id, name: id, type: bigint }
          - { source: file_name, name: file_name, type: text }
        %s
        policies: { duplicateFile: allow }
        """
        .formatted(schema.replace("'", "''"), table, mode, keyed ? "keys: [id]" : "");
  }

  static Stream<Arguments> targets() {
    List<String[]> where =
        List.of(
            new String[] {"datamapper", "imports", "belongs to Data Mapper"},
            new String[] {"datamapper", "tasks", "belongs to Data Mapper"},
            new String[] {"datamapper", "scheduled_tasks", "belongs to Data Mapper"},
            new String[] {"datamapper", "brand_new", "belongs to Data Mapper"},
            new String[] {"DataMapper", "imports", "belongs to Data Mapper"},
            new String[] {"\"datamapper\"", "imports", "belongs to Data Mapper"},
            new String[] {" DATAMAPPER ", "imports", "belongs to Data Mapper"},
            new String[] {"datamapper_undo", "x", "belongs to Data Mapper"},
            new String[] {"pg_catalog", "x", "belongs to PostgreSQL"},
            new String[] {"information_schema", "x", "belongs to PostgreSQL"},
            new String[] {"pg_toast", "x", "belongs to PostgreSQL"},
            new String[] {"pg_temp", "x", "belongs to PostgreSQL"},
            new String[] {"pg_temp_3", "x", "belongs to PostgreSQL"});
    List<String> modes =
        List.of("append", "truncate-insert", "replace", "upsert", "keyed-skip", "dry-run");
    return where.stream().flatMap(w -> modes.stream().map(m -> Arguments.of(w[0], w[1], m, w[2])));
  }

  @ParameterizedTest(name = "{0}.{1} ({2})")
  @MethodSource("targets")
  void an_internal_schema_is_refused_in_every_spelling_and_mode_before_the_ledger_is_written(
      String schema, String table, String mode, String whose) {
    Map<String, Object> before = ledger();
    Path file = fx.write("forged.csv", CSV);
    String yaml =
        switch (mode) {
          case "upsert" -> mapping(schema, table, "upsert", true);
          case "keyed-skip" -> mapping(schema, table, "append", true);
          case "dry-run" -> mapping(schema, table, "append", false);
          default -> mapping(schema, table, mode, false);
        };

    assertThatThrownBy(
            () -> {
              if (mode.equals("dry-run")) fx.dryRun(file, yaml);
              else fx.run(file, yaml);
            })
        .isInstanceOf(MappingException.class)
        .hasMessageContaining("schema '" + schema + "' " + whose)
        .hasMessageContaining("cannot be an import target");

    assertThat(ledger()).isEqualTo(before);
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname IN ('datamapper', 'datamapper_undo') AND c.relname = 'brand_new'")
                .get(0)
                .get("n"))
        .isEqualTo(0L);
  }

  @Test
  void the_sessions_own_temporary_schema_is_found_internal_through_the_catalog() throws Exception {
    try (var c = TestDatabase.dataSource().getConnection();
        var s = c.createStatement()) {
      s.execute("CREATE TEMPORARY TABLE t (a int)");
      String temp;
      try (var rs =
          s.executeQuery("SELECT nspname FROM pg_namespace WHERE oid = pg_my_temp_schema()")) {
        rs.next();
        temp = rs.getString(1);
      }
      assertThat(io.datamapper.db.InternalSchemas.internalInCatalog(c, temp)).contains(true);
      assertThat(io.datamapper.db.InternalSchemas.internalInCatalog(c, "datamapper"))
          .contains(true);
      assertThat(io.datamapper.db.InternalSchemas.internalInCatalog(c, fx.schema()))
          .contains(false);
      assertThat(io.datamapper.db.InternalSchemas.internalInCatalog(c, "no_such_schema_here"))
          .isEmpty();
    }
  }

  @Test
  void a_view_is_refused_as_a_target_with_what_it_is() {
    TestDatabase.execute(
        "CREATE VIEW " + fx.table("v") + " AS SELECT 1::bigint AS id, 'x'::text AS file_name");

    assertThatThrownBy(
            () -> fx.run(fx.write("v.csv", CSV), mapping(fx.schema(), "v", "append", false)))
        .isInstanceOf(MappingException.class)
        .hasMessageContaining(fx.schema() + ".v is a view, not a table");
  }

  @Test
  void a_schema_that_only_looks_alike_is_an_ordinary_target() {
    var s =
        fx.run(
            fx.write("ok.csv", CSV), mapping(fx.schema(), "datamapper_imports", "append", false));

    assertThat(s.rowsInserted()).isEqualTo(1);
  }

  private static Map<String, Object> ledger() {
    return TestDatabase.query(
            "SELECT count(*) AS n, coalesce(max(id), 0) AS last FROM datamapper.imports")
        .get(0);
  }
}
