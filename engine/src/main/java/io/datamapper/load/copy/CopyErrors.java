package io.datamapper.load.copy;

import java.sql.SQLException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns PostgreSQL's COPY errors into messages that name the record and column. Stateless and
 * thread-safe.
 */
public final class CopyErrors {
  private static final Pattern WHERE =
      Pattern.compile("COPY [^,]+, line (\\d+)(?:, column ([^:]+))?");

  private CopyErrors() {}

  /**
   * The server's message for a failed COPY, led by {@code record N, column 'c': } when PostgreSQL
   * says where; the exception's own message when it carries no server message.
   */
  public static String explain(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      StringBuilder sb = new StringBuilder();
      if (m.getWhere() != null) {
        Matcher w = WHERE.matcher(m.getWhere());
        if (w.find()) {
          sb.append("record ").append(w.group(1));
          if (w.group(2) != null) sb.append(", column '").append(w.group(2).strip()).append("'");
          sb.append(": ");
        }
      }
      sb.append(m.getMessage());
      if (m.getDetail() != null) sb.append(" (").append(m.getDetail()).append(")");
      return sb.toString();
    }
    return e.getMessage();
  }
}
