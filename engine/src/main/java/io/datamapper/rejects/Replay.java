package io.datamapper.rejects;

import io.datamapper.db.SqlFailures;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.JsonOptions;
import io.datamapper.mapping.LoadMode;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.SourceSpec;
import io.datamapper.mapping.TargetSpec;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Replaying rejects: the mapping that imports a file written by {@link RejectExporter} into the
 * original import's table. It is the original mapping with the source switched to the exported
 * file's format (UTF-8, no preamble, records at the top level), and a mode that adds rows: a replay
 * of a {@code replace} or {@code truncate-insert} import must not empty the table it is fixing.
 * Stateless.
 */
public final class Replay {
  private Replay() {}

  /**
   * The format rejects of a {@code source} import are written in: CSV for CSV and Excel, JSON Lines
   * otherwise.
   */
  public static Format exportFormat(Format source) {
    return source == Format.CSV || source == Format.EXCEL || source == null
        ? Format.CSV
        : Format.JSON;
  }

  /** The mapping that replays the exported rejects of import {@code importId}. */
  public static Mapping mapping(DataSource dataSource, long importId) {
    try (Connection c = dataSource.getConnection()) {
      RejectExporter.ImportInfo info = RejectExporter.ImportInfo.find(c, importId);
      return mapping(info.mapping(), info.format());
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read import #" + importId, e);
    }
  }

  static Mapping mapping(Mapping original, Format originalFormat) {
    Format format = exportFormat(originalFormat);
    SourceSpec source;
    if (format == Format.CSV) {
      CsvOptions csv =
          originalFormat == Format.CSV ? original.source().csvOrDefaults() : CsvOptions.defaults();
      csv =
          new CsvOptions(
              csv.delimiter(),
              csv.writeQuote(),
              csv.writeQuote(),
              "\n",
              csv.header(),
              csv.nullTokens(),
              0,
              null,
              csv.raggedRows());
      source = new SourceSpec(Format.CSV, "UTF-8", csv, null, null, null);
    } else {
      source = new SourceSpec(Format.JSON, "UTF-8", null, null, new JsonOptions(null), null);
    }
    TargetSpec t = original.target();
    LoadMode mode =
        t.mode() == LoadMode.REPLACE || t.mode() == LoadMode.TRUNCATE_INSERT
            ? LoadMode.APPEND
            : t.mode();
    return original
        .withSource(source)
        .withTarget(new TargetSpec(t.schema(), t.table(), t.create(), mode));
  }
}
