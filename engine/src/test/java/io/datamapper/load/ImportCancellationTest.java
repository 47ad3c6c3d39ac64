package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.db.Migrations;
import io.datamapper.ledger.Ledger;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportCancellationTest {
  @TempDir Path dir;

  @Test
  void a_cancelled_import_stops_between_batches_writes_nothing_and_is_recorded_as_failed()
      throws IOException {
    Migrations.migrate(TestDatabase.dataSource());
    String schema = TestDatabase.freshSchema("cancel");
    StringBuilder csv = new StringBuilder("id,name\n");
    for (int i = 1; i <= 20_000; i++) csv.append(i).append(",name ").append(i).append('\n');
    Path file = dir.resolve("many.csv");
    Files.writeString(file, csv);
    var mapping =
        MappingReader.parse(
            """
        target: { schema: %s, table: many }
        columns: [ { source: id, type: bigint }, { source: name } ]
        """
                .formatted(schema),
            "test");
    AtomicInteger asked = new AtomicInteger();
    ImportRequest request =
        ImportRequest.of(ImportSource.of(file), mapping)
            .withCancellation(() -> asked.incrementAndGet() >= 3);
    Importer importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();

    assertThatThrownBy(() -> importer.run(request))
        .isInstanceOf(ImportCancelledException.class)
        .hasMessageContaining("many.csv")
        .hasMessageContaining("cancelled");

    assertThat(
            TestDatabase.query("SELECT to_regclass('" + schema + ".many') IS NULL AS gone")
                .get(0)
                .get("gone"))
        .isEqualTo(true);
    var last = new Ledger(TestDatabase.dataSource()).list(1).get(0);
    assertThat(last.status()).isEqualTo("failed");
    assertThat(last.error()).contains("cancelled");
  }
}
