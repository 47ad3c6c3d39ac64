package io.datamapper.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.db.Migrations;
import io.datamapper.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LedgerTest {
  private final Ledger ledger = new Ledger(TestDatabase.dataSource());

  @BeforeAll
  static void migrate() {
    Migrations.migrate(TestDatabase.dataSource());
  }

  private Ledger.Running begin() {
    return ledger.begin("f.csv", null, 10L, "csv", "{}", "public", "t");
  }

  @Test
  void a_running_import_stays_running_while_its_process_lives() {
    try (Ledger.Running running = begin()) {
      ledger.reapInterrupted();

      assertThat(ledger.find(running.id()).orElseThrow().status()).isEqualTo("running");
    }
  }

  @Test
  void an_import_whose_process_died_is_marked_interrupted() {
    long id;
    try (Ledger.Running running = begin()) {
      id = running.id();
    } // the session lock goes, as when the process is killed; the row still says running

    assertThat(ledger.find(id).orElseThrow().status()).isEqualTo("failed");
    assertThat(ledger.find(id).orElseThrow().error())
        .startsWith("interrupted: the importing process stopped");
  }
}
