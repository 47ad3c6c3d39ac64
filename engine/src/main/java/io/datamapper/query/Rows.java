package io.datamapper.query;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Rows read from a result set, at most {@code max}: numbers as numbers, booleans as booleans,
 * everything else as PostgreSQL prints it. {@code truncated} says more rows existed.
 */
record Rows(List<String> columns, List<String> types, List<List<Object>> rows, boolean truncated) {
  private static final Set<String> INTEGERS = Set.of("int2", "int4", "int8", "oid");
  private static final Set<String> FLOATS = Set.of("float4", "float8");

  static final Rows NONE = new Rows(List.of(), List.of(), List.of(), false);

  static Rows read(ResultSet rs, int max) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    List<String> types = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
      types.add(md.getColumnTypeName(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    boolean truncated = false;
    while (rs.next()) {
      if (rows.size() == max) {
        truncated = true;
        break;
      }
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) row.add(value(rs, i, types.get(i - 1)));
      rows.add(Collections.unmodifiableList(row));
    }
    return new Rows(
        List.copyOf(columns), List.copyOf(types), Collections.unmodifiableList(rows), truncated);
  }

  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    String text = rs.getString(i);
    if (text == null) return null;
    if (INTEGERS.contains(type)) return rs.getLong(i);
    if (type.equals("bool")) return rs.getBoolean(i);
    if (type.equals("numeric") || FLOATS.contains(type)) {
      try {
        return new BigDecimal(text); // NaN and Infinity stay text: JSON has no such numbers
      } catch (NumberFormatException e) {
        return text;
      }
    }
    return text;
  }

  /** Whether a column of this PostgreSQL type holds numbers (shown right-aligned). */
  static boolean isNumeric(String type) {
    return INTEGERS.contains(type) || FLOATS.contains(type) || "numeric".equals(type);
  }
}
