package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.util.List;

/** A type proposed for a column's sampled values, its parse format (or null) and the evidence. */
record Typed(ColumnType type, String format, List<String> notes) {
  Typed {
    notes = List.copyOf(notes);
  }

  static Typed of(ColumnType type) {
    return new Typed(type, null, List.of());
  }

  static Typed of(ColumnType type, String format, String note) {
    return new Typed(type, format, note == null ? List.of() : List.of(note));
  }

  static final Typed TEXT = of(ColumnType.TEXT);
}
