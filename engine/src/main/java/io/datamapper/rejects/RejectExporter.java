package io.datamapper.rejects;

import io.datamapper.DataMapperException;
import io.datamapper.db.SqlFailures;
import io.datamapper.format.csv.CsvLine;
import io.datamapper.ledger.LedgerQueries;
import io.datamapper.ledger.StoredMapping;
import io.datamapper.mapping.CsvOptions;
import io.datamapper.mapping.Format;
import io.datamapper.mapping.Mapping;
import io.datamapper.mapping.MappingReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the rejected rows of an import back as a file a person can fix and import again ({@code
 * datamapper import FILE --replay-of ID}): CSV with the original header and dialect for CSV
 * sources, CSV with the sheet's header for Excel, JSON Lines for JSON and XML (one record per line,
 * the fields as the import read them). Always UTF-8. Streams: the rejects are never all in memory.
 * Thread-safe.
 */
public final class RejectExporter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final DataSource dataSource;

  public RejectExporter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** What was written: the number of rows and the file's format. */
  public record Exported(long rows, Format format, Path file) {}

  public Exported export(long importId, Path file) {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      ImportInfo info = ImportInfo.find(c, importId);
      Format out = Replay.exportFormat(info.format());
      long rows = 0;
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
          PreparedStatement ps =
              c.prepareStatement(
                  "SELECT raw FROM datamapper.rejects WHERE import_id = ? ORDER BY record_number, id")) {
        ps.setFetchSize(1000);
        if (out == Format.CSV) writeHeader(w, info);
        ps.setLong(1, importId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String raw = rs.getString(1);
            if (raw == null) continue;
            w.write(raw);
            w.write('\n');
            rows++;
          }
        }
      }
      c.commit();
      return new Exported(rows, out, file);
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read the rejects of import #" + importId, e);
    } catch (IOException e) {
      throw new DataMapperException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static void writeHeader(BufferedWriter w, ImportInfo info) throws IOException {
    if (info.format() == Format.CSV && !info.mapping().source().csvOrDefaults().header()) return;
    CsvOptions csv =
        info.format() == Format.CSV
            ? info.mapping().source().csvOrDefaults()
            : CsvOptions.defaults();
    w.write(
        CsvLine.join(
            info.sourceFields().toArray(String[]::new), csv.delimiter(), csv.writeQuote()));
    w.write('\n');
  }

  /** The ledger's record of an import, as far as exporting and replaying need it. */
  record ImportInfo(long id, Format format, Mapping mapping, List<String> sourceFields) {
    static ImportInfo find(Connection c, long id) throws SQLException {
      StoredMapping stored =
          LedgerQueries.storedMapping(c, id)
              .orElseThrow(
                  () ->
                      new DataMapperException(
                          "There is no import #" + id + " (datamapper imports lists them)."));
      Mapping mapping = MappingReader.parse(stored.mappingJson(), "the mapping of import #" + id);
      Format format = Format.fromSpelling(stored.format());
      List<String> fields = new ArrayList<>();
      if (stored.sourceFieldsJson() != null) {
        for (JsonNode f : JSON.readTree(stored.sourceFieldsJson())) fields.add(f.asString());
      }
      return new ImportInfo(id, format == null ? Format.CSV : format, mapping, fields);
    }
  }
}
