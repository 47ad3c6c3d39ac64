package io.datamapper.db;

import io.datamapper.DataMapperException;
import io.datamapper.InternalException;
import java.sql.SQLException;

/**
 * Sorts a {@link SQLException} by blame. PostgreSQL unreachable is the environment's fault ({@link
 * DatabaseUnavailableException}); a statement Data Mapper wrote that PostgreSQL refuses is a bug
 * ({@link InternalException}), unless the statement carries the user's input (a table they named, a
 * value from their file) and PostgreSQL says so: data exceptions (SQLState class {@code 22}),
 * constraint violations ({@code 23}) and missing or wrong objects or privileges ({@code 42}) are
 * then the input's fault.
 */
public final class SqlFailures {
  private SqlFailures() {}

  /**
   * {@code e} from a statement on Data Mapper's own tables or catalog reads: never the input's
   * fault.
   */
  public static DataMapperException internal(String what, SQLException e) {
    if (DatabaseUnavailableException.isConnectionFailure(e)) return unreachable(what, e);
    return new InternalException(what + ": " + e.getMessage(), e);
  }

  /**
   * {@code e} from a statement on the user's table or data: the input's fault when PostgreSQL
   * blames the statement's content.
   */
  public static DataMapperException onInput(String what, SQLException e) {
    if (DatabaseUnavailableException.isConnectionFailure(e)) return unreachable(what, e);
    if (inputsFault(e)) return new DataMapperException(what + ": " + e.getMessage(), e);
    return new InternalException(what + ": " + e.getMessage(), e);
  }

  /**
   * Whether PostgreSQL blames the statement's content: a value, a constraint, a missing table or
   * column, a privilege.
   */
  public static boolean inputsFault(SQLException e) {
    String state = e.getSQLState();
    return state != null
        && (state.startsWith("22") || state.startsWith("23") || state.startsWith("42"));
  }

  private static DatabaseUnavailableException unreachable(String what, SQLException e) {
    SQLException why = DatabaseUnavailableException.connectionFailure(e);
    return new DatabaseUnavailableException(
        what + ": PostgreSQL is unreachable; try again shortly. (" + why.getMessage() + ")", e);
  }
}
