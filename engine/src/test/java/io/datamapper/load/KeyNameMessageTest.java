package io.datamapper.load;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.testing.ImportFixture;
import io.datamapper.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key names reach messages through Java, never as a SQL literal, whatever characters they hold. */
class KeyNameMessageTest {
  @TempDir Path dir;

  @Test
  void key_names_with_quotes_and_backslashes_are_named_in_the_message_and_never_become_sql() {
    ImportFixture fx = new ImportFixture(dir, "keynames");
    // with backslash escapes on, a hand-escaped literal 'o\\'' would have ended early and the rest
    // run as SQL
    String yaml =
        """
        target: { schema: %s, table: odd }
        columns: [ { source: k, name: "o'k\\\\'; SELECT 1; --", type: bigint }, { source: v, type: text } ]
        keys: ["o'k\\\\'; SELECT 1; --"]
        policies: { duplicateRow: error }
        """;
    fx.run(fx.write("a.csv", "k,v\n1,a\n"), yaml);

    assertThatThrownBy(() -> fx.run(fx.write("b.csv", "k,v\n7,x\n7,y\n"), yaml))
        .hasMessageContaining("o'k\\'; SELECT 1; --='7' on lines 2, 3");
    assertThatThrownBy(() -> fx.run(fx.write("c.csv", "k,v\n1,z\n"), yaml))
        .hasMessageContaining("o'k\\'; SELECT 1; --='1' (line 2, loaded by import #");
    org.assertj.core.api.Assertions.assertThat(TestDatabase.count(fx.table("odd"))).isEqualTo(1);
  }
}
