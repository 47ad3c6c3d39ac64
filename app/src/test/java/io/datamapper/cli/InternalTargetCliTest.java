package io.datamapper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line refuses Data Mapper's and PostgreSQL's schemas as targets, as the server does.
 */
class InternalTargetCliTest {
  @TempDir Path dir;

  @Test
  void import_into_an_internal_schema_exits_1_with_whose_schema_it_is_and_writes_nothing()
      throws IOException {
    Path file = Files.writeString(dir.resolve("forged.csv"), "file_name,status\nx.csv,succeeded\n");
    CliRun.of("imports"); // migrates the shared database before the ledger is counted
    long before = TestDatabase.count("datamapper.imports");

    CliRun ledger = CliRun.of("import", file.toString(), "--table", "datamapper.imports");
    CliRun catalog =
        CliRun.of("import", file.toString(), "--table", "pg_catalog.forged", "--dry-run");

    assertThat(ledger.exitCode()).as(ledger.out()).isEqualTo(1);
    assertThat(ledger.err())
        .contains("schema 'datamapper' belongs to Data Mapper and cannot be an import target");
    assertThat(catalog.exitCode()).isEqualTo(1);
    assertThat(catalog.err())
        .contains("schema 'pg_catalog' belongs to PostgreSQL and cannot be an import target");
    assertThat(TestDatabase.count("datamapper.imports")).isEqualTo(before);
  }
}
