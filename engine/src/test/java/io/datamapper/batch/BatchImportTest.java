package io.datamapper.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.EnvironmentException;
import io.datamapper.batch.ObjectOutcome.Status;
import io.datamapper.db.Migrations;
import io.datamapper.ledger.Ledger;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import io.datamapper.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchImportTest {
  private final Ledger ledger = new Ledger(TestDatabase.dataSource());
  private final Importer importer =
      Importer.builder().dataSource(TestDatabase.dataSource()).build();
  private String schema;
  private Mapping mapping;

  @BeforeEach
  void database() {
    Migrations.migrate(TestDatabase.dataSource());
    schema = TestDatabase.freshSchema("batch");
    mapping =
        MappingReader.parse(
            """
            target: { schema: %s, table: orders }
            columns: [ { source: id, type: bigint }, { source: name } ]
            """
                .formatted(schema),
            "test");
  }

  private static ImportSource object(String name, String csv) {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    return new ImportSource(
        name,
        "b2://bucket/" + name + "-" + System.nanoTime(),
        bytes.length,
        () -> new ByteArrayInputStream(bytes),
        null,
        "etag-" + name);
  }

  @Test
  void a_failed_object_does_not_stop_the_others_and_every_outcome_is_counted_in_order() {
    List<ImportSource> sources =
        List.of(
            object("a.csv", "id,name\n1,x\n2,y\n"),
            object("bad.csv", "id,name\nnot-a-number,z\n"),
            object("c.csv", "id,name\n3,w\n"));
    List<ObjectOutcome> heard = new ArrayList<>();

    BatchResult result =
        new BatchImport(ledger)
            .run(
                sources,
                new BatchImport.Options(schema + ".orders", true, false),
                source -> importer.run(ImportRequest.of(source, mapping)),
                heard::add);

    assertThat(result.objects())
        .extracting(ObjectOutcome::status)
        .containsExactly(Status.IMPORTED, Status.FAILED, Status.IMPORTED);
    assertThat(heard).isEqualTo(result.objects());
    assertThat(result.imported()).isEqualTo(2);
    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.skipped()).isZero();
    assertThat(result.rowsInserted()).isEqualTo(3);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.objects().get(1).detail()).contains("bad.csv").contains("not-a-number");
    assertThat(TestDatabase.count(schema + ".orders")).isEqualTo(3);
  }

  @Test
  void an_object_already_imported_into_the_named_table_is_skipped_before_it_is_read() {
    ImportSource a = object("a.csv", "id,name\n1,x\n");
    BatchImport batch = new BatchImport(ledger);
    BatchImport.Options detect = new BatchImport.Options(schema + ".orders", false, false);
    batch.run(
        List.of(a), detect, source -> importer.run(ImportRequest.of(source, mapping)), o -> {});
    List<String> read = new ArrayList<>();

    BatchResult again =
        batch.run(
            List.of(a),
            detect,
            source -> {
              read.add(source.name());
              return importer.run(ImportRequest.of(source, mapping));
            },
            o -> {});

    assertThat(read).isEmpty();
    assertThat(again.skipped()).isEqualTo(1);
    ObjectOutcome skipped = again.objects().getFirst();
    assertThat(skipped.status()).isEqualTo(Status.SKIPPED);
    assertThat(skipped.previousImportId()).isNotNull();
    assertThat(skipped.detail()).contains("already imported");
    assertThat(again.succeeded()).isTrue();
    assertThat(batch.importedBefore(a, new BatchImport.Options(schema + ".orders", false, true)))
        .as("--force imports it again")
        .isEmpty();
  }

  @Test
  void an_unreachable_database_stops_the_batch_at_the_first_object() {
    List<String> tried = new ArrayList<>();
    List<ImportSource> sources = List.of(object("a.csv", "id\n1\n"), object("b.csv", "id\n2\n"));

    assertThatThrownBy(
            () ->
                new BatchImport(ledger)
                    .run(
                        sources,
                        new BatchImport.Options(null, true, false),
                        source -> {
                          tried.add(source.name());
                          throw new EnvironmentException("PostgreSQL is unreachable", null);
                        },
                        o -> {}))
        .isInstanceOf(EnvironmentException.class);
    assertThat(tried).containsExactly("a.csv");
  }
}
