package io.datamapper.detect;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Mapping;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs {@link Detector} over the labeled corpus in {@code src/test/resources/detect-corpus} ({@code
 * labels.csv}: delimiter, quote, escape, header, skipRows and per-column types, labeled by hand;
 * see the README there) and scores it. {@link #main} prints the report; the JUnit {@code
 * DetectCorpusTest} asserts floors.
 *
 * <p>Scoring: the dialect is right when delimiter, quote and escape all are. A file labeled {@code
 * none} (one column) accepts any delimiter that leaves one column. A quote is also right when
 * neither the labeled nor the proposed quote character occurs in the file (both change nothing).
 * Escape {@code double} means quote doubling (escape equal to the quote). Types are compared by
 * family ({@code numeric(12,2)} is {@code numeric}, {@code integer} is {@code bigint}). A file
 * whose detection throws counts as a miss everywhere it is labeled.
 */
public final class CorpusEvaluation {
  private CorpusEvaluation() {}

  /** One labeled file. Empty header/skipRows mean "not scored". */
  record Label(
      String file,
      String delimiter,
      String quote,
      String escape,
      String header,
      String skipRows,
      Map<Integer, String> types,
      String source,
      String license) {}

  /** The score of the corpus and every miss, in file order. */
  record Report(
      int files,
      int dialectRight,
      int headerScored,
      int headerRight,
      int skipScored,
      int skipRight,
      int typeScored,
      int typeRight,
      List<String> misses,
      Map<String, int[]> classes) {

    double dialectAccuracy() {
      return ratio(dialectRight, files);
    }

    double headerAccuracy() {
      return ratio(headerRight, headerScored);
    }

    double typeAccuracy() {
      return ratio(typeRight, typeScored);
    }

    String text() {
      StringBuilder sb = new StringBuilder();
      sb.append("detection corpus: ").append(files).append(" files\n");
      sb.append(line("dialect (delimiter+quote+escape)", dialectRight, files));
      sb.append(line("header", headerRight, headerScored));
      sb.append(line("rows above the header (skipRows)", skipRight, skipScored));
      sb.append(line("column types", typeRight, typeScored));
      sb.append(
          "dialect by class (labeled delimiter; single-quote quoting; issue #14 miss classes from"
              + " miss-classes.csv):\n");
      classes.forEach((k, v) -> sb.append(line("  " + k, v[0], v[1])));
      sb.append("misses (").append(misses.size()).append("):\n");
      misses.forEach(m -> sb.append("  ").append(m).append('\n'));
      return sb.toString();
    }

    private static String line(String what, int right, int of) {
      return String.format(
          Locale.ROOT, "%-34s %4d / %-4d = %5.1f%%%n", what, right, of, 100 * ratio(right, of));
    }

    private static double ratio(int a, int b) {
      return b == 0 ? 1 : (double) a / b;
    }
  }

  public static void main(String[] args) {
    System.out.print(evaluate(corpusDir()).text());
  }

  static Path corpusDir() {
    try {
      return Path.of(CorpusEvaluation.class.getResource("/detect-corpus/labels.csv").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Label> labels(Path dir) {
    List<Label> out = new ArrayList<>();
    try (CsvReader<NamedCsvRecord> r =
        CsvReader.builder().ofNamedCsvRecord(dir.resolve("labels.csv"))) {
      for (NamedCsvRecord rec : r) {
        Map<Integer, String> types = new LinkedHashMap<>();
        for (String t : rec.getField("types").split(" ")) {
          if (t.isBlank()) continue;
          String[] kv = t.split("=");
          types.put(Integer.parseInt(kv[0]), kv[1]);
        }
        out.add(
            new Label(
                rec.getField("file"),
                rec.getField("delimiter"),
                rec.getField("quote"),
                rec.getField("escape"),
                rec.getField("header"),
                rec.getField("skipRows"),
                types,
                rec.getField("source"),
                rec.getField("license")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * {@code miss-classes.csv}: the class of issue #14's dialect misses each file stands for (several
   * per file are not needed: one class each). Every file named must be labeled.
   */
  static Map<String, String> missClasses(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    try (CsvReader<NamedCsvRecord> r =
        CsvReader.builder().ofNamedCsvRecord(dir.resolve("miss-classes.csv"))) {
      for (NamedCsvRecord rec : r) out.put(rec.getField("file"), rec.getField("class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Report evaluate(Path dir) {
    int dialect = 0;
    int headerScored = 0;
    int headerRight = 0;
    int skipScored = 0;
    int skipRight = 0;
    int typeScored = 0;
    int typeRight = 0;
    List<String> misses = new ArrayList<>();
    Map<String, int[]> classes = new java.util.TreeMap<>();
    List<Label> labels = labels(dir);
    Map<String, String> missClasses = missClasses(dir);
    for (Label l : labels) {
      List<String> keys = new ArrayList<>(List.of("delimiter " + l.delimiter()));
      if (l.quote().equals("squote")) keys.add("quote squote");
      if (missClasses.containsKey(l.file())) keys.add("miss class " + missClasses.get(l.file()));
      for (String k : keys) classes.computeIfAbsent(k, x -> new int[2])[1]++;
      Path file = dir.resolve(l.file());
      boolean scoreHeader = !l.header().isBlank();
      boolean scoreSkip = !l.skipRows().isBlank();
      headerScored += scoreHeader ? 1 : 0;
      skipScored += scoreSkip ? 1 : 0;
      typeScored += l.types().size();
      Mapping m;
      try {
        m = Detector.detect(file).mapping();
      } catch (RuntimeException e) {
        misses.add(l.file() + ": detection failed: " + e.getMessage());
        continue;
      }
      CsvOptions csv = m.source().csv();
      if (csv == null) {
        misses.add(l.file() + ": not detected as CSV but " + m.source().format());
        continue;
      }
      String text = latin1(file);
      List<String> wrong = new ArrayList<>();
      if (!delimiterRight(l.delimiter(), csv, m, text))
        wrong.add("delimiter " + show(csv.delimiter()) + " (label " + l.delimiter() + ")");
      if (!quoteRight(l.quote(), csv.quote(), text))
        wrong.add("quote " + show(csv.quote()) + " (label " + l.quote() + ")");
      if (!escapeRight(l.escape(), csv))
        wrong.add("escape " + show(csv.escape()) + " (label " + l.escape() + ")");
      if (wrong.isEmpty()) {
        dialect++;
        for (String k : keys) classes.get(k)[0]++;
      } else {
        misses.add(l.file() + ": dialect: " + String.join(", ", wrong));
      }
      if (scoreHeader) {
        if (Boolean.parseBoolean(l.header()) == csv.header()) {
          headerRight++;
        } else {
          misses.add(l.file() + ": header " + csv.header() + " (label " + l.header() + ")");
        }
      }
      if (scoreSkip) {
        if (Integer.parseInt(l.skipRows()) == csv.skipRows()) {
          skipRight++;
        } else {
          misses.add(l.file() + ": skipRows " + csv.skipRows() + " (label " + l.skipRows() + ")");
        }
      }
      for (Map.Entry<Integer, String> t : l.types().entrySet()) {
        int i = t.getKey() - 1;
        String got = i < m.columns().size() ? family(m.columns().get(i).type()) : "(no column)";
        if (got.equals(t.getValue())) {
          typeRight++;
        } else {
          ColumnSpec c = i < m.columns().size() ? m.columns().get(i) : null;
          misses.add(
              l.file()
                  + ": column "
                  + t.getKey()
                  + (c == null ? "" : " '" + c.source() + "'")
                  + " typed "
                  + got
                  + (c != null && c.format() != null ? " " + c.format() : "")
                  + " (label "
                  + t.getValue()
                  + ")");
        }
      }
    }
    return new Report(
        labels.size(),
        dialect,
        headerScored,
        headerRight,
        skipScored,
        skipRight,
        typeScored,
        typeRight,
        misses,
        classes);
  }

  private static boolean delimiterRight(String label, CsvOptions csv, Mapping m, String text) {
    return switch (label) {
      case "none" -> m.columns().size() == 1;
      case "comma" -> csv.delimiter() == ',';
      case "semicolon" -> csv.delimiter() == ';';
      case "tab" -> csv.delimiter() == '\t';
      case "pipe" -> csv.delimiter() == '|';
      case "space" -> csv.delimiter() == ' ';
      case "hash" -> csv.delimiter() == '#';
      case "colon" -> csv.delimiter() == ':';
      case "tilde" -> csv.delimiter() == '~';
      case "caret" -> csv.delimiter() == '^';
      default -> throw new IllegalArgumentException("unknown delimiter label " + label);
    };
  }

  private static boolean quoteRight(String label, char quote, String text) {
    Character want =
        switch (label) {
          case "dquote" -> '"';
          case "squote" -> '\'';
          case "none" -> null;
          default -> throw new IllegalArgumentException("unknown quote label " + label);
        };
    if (want != null && want == quote) return true;
    return (want == null || text.indexOf(want) < 0) && text.indexOf(quote) < 0;
  }

  private static boolean escapeRight(String label, CsvOptions csv) {
    return switch (label) {
      case "double" -> csv.escape() == csv.quote();
      case "backslash" -> csv.escape() == '\\';
      default -> throw new IllegalArgumentException("unknown escape label " + label);
    };
  }

  static String family(ColumnType t) {
    return switch (t) {
      case ColumnType.Numeric n -> "numeric";
      case ColumnType.Int i -> "bigint";
      default -> t.spelling();
    };
  }

  private static String latin1(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String show(char c) {
    if (c == CsvOptions.NO_QUOTE) return "none";
    return c == '\t' ? "tab" : "'" + c + "'";
  }
}
