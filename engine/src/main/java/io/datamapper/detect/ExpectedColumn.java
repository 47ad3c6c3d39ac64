package io.datamapper.detect;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A column a file is expected to feed: the source field a saved mapping reads (or, for an existing
 * table, the column name itself), the target column name and its type spelling. Immutable.
 */
public record ExpectedColumn(String source, String name, String type) {
  public ExpectedColumn {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
  }

  /** The columns of a mapping that read a source field (expression-only columns feed from none). */
  public static List<ExpectedColumn> of(Mapping mapping) {
    List<ExpectedColumn> out = new ArrayList<>();
    for (ColumnSpec c : mapping.columns()) {
      if (c.source() != null)
        out.add(new ExpectedColumn(c.source(), c.name(), c.type().spelling()));
    }
    return out;
  }
}
