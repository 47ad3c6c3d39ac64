package io.datamapper.detect;

import io.datamapper.mapping.ColumnType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Columns that could be a business key: every sampled value present and distinct, and an id-like
 * name ({@code id}, {@code *_id}, {@code *_code}, {@code *_key}, {@code *_uuid}) or an integer or
 * uuid type. Only noted, best first: setting keys changes how an import treats duplicates, so that
 * stays a person's choice. Stateless.
 */
final class CandidateKeys {
  private static final Pattern KEY_NAME = Pattern.compile("(^|.*_)(id|code|key|uuid)");

  private CandidateKeys() {}

  static List<Note> notes(List<ColumnProfile> profiles, int rows) {
    List<ColumnProfile> candidates = new ArrayList<>();
    for (ColumnProfile p : profiles) {
      if (p.presentAndDistinct() && (keyName(p.column()) || keyType(p.type()))) candidates.add(p);
    }
    candidates.sort(Comparator.comparingInt(CandidateKeys::rank));
    List<Note> notes = new ArrayList<>();
    for (ColumnProfile p : candidates) {
      notes.add(
          new Note(
              p.column(),
              "candidate key: "
                  + p.column()
                  + " (unique in "
                  + rows
                  + " sampled rows, no empty values in sample; not set as a key)",
              p.examples()));
    }
    return notes;
  }

  /** The best candidate key (see {@link #notes}), or null when no column qualifies. */
  static ColumnProfile best(List<ColumnProfile> profiles) {
    ColumnProfile best = null;
    for (ColumnProfile p : profiles) {
      if (!p.presentAndDistinct() || !(keyName(p.column()) || keyType(p.type()))) continue;
      if (best == null || rank(p) < rank(best)) best = p;
    }
    return best;
  }

  static boolean keyName(String column) {
    return KEY_NAME.matcher(column).matches();
  }

  static boolean keyType(ColumnType type) {
    return switch (type) {
      case ColumnType.BigInt b -> true;
      case ColumnType.Int i -> true;
      case ColumnType.Uuid u -> true;
      default -> false;
    };
  }

  /** Lower is better: an id-like name with a key type, then the name alone, then the type alone. */
  private static int rank(ColumnProfile p) {
    return (keyName(p.column()) ? 0 : 2) + (keyType(p.type()) ? 0 : 1);
  }
}
