package io.datamapper.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void latest_version_names_the_highest_migration_file() throws IOException {
    Pattern version = Pattern.compile("V(\\d+)__.*\\.sql");
    int[] versions;
    try (Stream<Path> files =
        Files.list(Path.of("src/main/resources/io/datamapper/db/migration"))) {
      versions =
          files
              .map(p -> version.matcher(p.getFileName().toString()))
              .filter(Matcher::matches)
              .mapToInt(m -> Integer.parseInt(m.group(1)))
              .toArray();
    }

    assertThat(Migrations.LATEST_VERSION)
        .isEqualTo(java.util.Arrays.stream(versions).max().orElse(0));
    assertThat(Migrations.MIGRATION_COUNT).isEqualTo(versions.length);
  }

  @Test
  void a_migrated_database_is_recognised_as_current() {
    Migrations.migrate(TestDatabase.dataSource());

    assertThat(Migrations.isCurrent(TestDatabase.dataSource())).isTrue();
    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM datamapper.flyway_schema_history WHERE success AND version IS NOT NULL")
                .get(0)
                .get("n"))
        .isEqualTo((long) Migrations.MIGRATION_COUNT);
  }
}
