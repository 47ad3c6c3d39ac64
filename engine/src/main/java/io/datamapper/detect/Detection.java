package io.datamapper.detect;

import io.datamapper.mapping.Mapping;
import java.util.List;
import java.util.Objects;

/**
 * A proposed mapping and the evidence for it. The mapping is complete (it can be used for an import
 * as is); the notes say what was chosen and where a person should look, file notes first, then
 * column notes in column order. Immutable.
 */
public record Detection(Mapping mapping, List<Note> notes) {
  public Detection {
    Objects.requireNonNull(mapping, "mapping");
    notes = List.copyOf(notes);
  }

  /** The notes about one target column, in order. */
  public List<Note> notesFor(String column) {
    return notes.stream().filter(n -> column.equals(n.column())).toList();
  }
}
