package io.datamapper.testing;

import io.datamapper.db.Migrations;
import io.datamapper.load.ImportRequest;
import io.datamapper.load.ImportSource;
import io.datamapper.load.ImportSummary;
import io.datamapper.load.Importer;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What most import tests need: a fresh schema in the shared test database, files written into a
 * temporary folder, and imports run through the real {@link Importer}.
 */
public final class ImportFixture {
  private final Path dir;
  private final String schema;
  private final Importer importer;

  public ImportFixture(Path dir, String prefix) {
    Migrations.migrate(TestDatabase.dataSource());
    this.dir = dir;
    this.schema = TestDatabase.freshSchema(prefix);
    this.importer = Importer.builder().dataSource(TestDatabase.dataSource()).build();
  }

  public String schema() {
    return schema;
  }

  public Importer importer() {
    return importer;
  }

  /** {@code schema.table}. */
  public String table(String name) {
    return schema + "." + name;
  }

  public Path write(String name, String content) {
    Path file = dir.resolve(name);
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Parses YAML mapping text; {@code %s} in it stands for the test's schema. */
  public Mapping mapping(String yaml) {
    return MappingReader.parse(yaml.replace("%s", schema), "test.yaml");
  }

  public ImportSummary run(Path file, String yaml) {
    return run(file, mapping(yaml));
  }

  public ImportSummary run(Path file, Mapping mapping) {
    return importer.run(ImportRequest.of(ImportSource.of(file), mapping));
  }

  public ImportSummary dryRun(Path file, String yaml) {
    return importer.run(new ImportRequest(ImportSource.of(file), mapping(yaml), true, false, null));
  }

  /** Rows of {@code SELECT cols FROM schema.table ORDER BY order}. */
  public List<Map<String, Object>> rows(String table, String cols, String order) {
    return TestDatabase.query("SELECT " + cols + " FROM " + table(table) + " ORDER BY " + order);
  }
}
