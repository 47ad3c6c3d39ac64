package io.datamapper.query;

import io.datamapper.db.DatabaseUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * Sorts PostgreSQL's errors for a statement: a layer's refusal, a cancel, a broken connection, or
 * the SQL's own fault.
 */
final class SqlErrors {
  private SqlErrors() {}

  static RuntimeException classify(
      SQLException e,
      String sql,
      Set<Layer> layers,
      QuerySettings settings,
      Cancellation cancellation) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = message(e);
    if (state.equals("57014") && (cancellation.isCancelled() || message.contains("user request"))) {
      return new QueryCancelledException("Cancelled.");
    }
    if (state.equals("42501") && layers.contains(Layer.PRIVILEGE)) {
      return new QueryRefusedException(
          Layer.PRIVILEGE,
          message
              + " (the console's role "
              + settings.readerRole()
              + " may only read the user's tables and the import ledger)",
          sql,
          e);
    }
    if (layers.contains(Layer.TRANSACTION)) {
      switch (state) {
        case "25006", "25001" -> {
          return new QueryRefusedException(
              Layer.TRANSACTION, message + " (statements run in a read-only transaction)", sql, e);
        }
        case "57014" -> {
          return new QueryRefusedException(
              Layer.TRANSACTION,
              "the statement ran longer than the statement_timeout of "
                  + human(settings.statementTimeout())
                  + " and was stopped",
              sql,
              e);
        }
        case "55P03" -> {
          return new QueryRefusedException(
              Layer.TRANSACTION,
              "the statement waited longer than the lock_timeout of "
                  + human(settings.lockTimeout())
                  + " for a lock and was stopped",
              sql,
              e);
        }
        case "25P03" -> {
          return new QueryRefusedException(
              Layer.TRANSACTION,
              "the session sat idle in its transaction too long and was ended",
              sql,
              e);
        }
        default -> {}
      }
    }
    if (state.startsWith("08") || state.startsWith("57P")) {
      return new DatabaseUnavailableException(
          "Lost the connection to PostgreSQL while running the statement: " + message, e);
    }
    return new QueryFailedException(
        "PostgreSQL refused the statement: " + message, sql, state, 0, e);
  }

  private static String message(SQLException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.startsWith("ERROR: ") ? m.substring(7) : m;
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms % 1000 != 0) return ms + " ms";
    return ms / 1000 + " s";
  }
}
