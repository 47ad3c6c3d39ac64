package io.datamapper.query;

import java.util.Locale;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

/**
 * Walks a parsed {@code SELECT} with JSqlParser's most thorough visitor (the one that finds every
 * table, so it enters every sub-query, CTE, lateral and expression) and notes the first thing the
 * console refuses: a data-modifying CTE, {@code SELECT INTO}, a locking read, a denied function, a
 * secret catalog table, or Data Mapper's own tables other than the ledger. One instance per
 * statement.
 */
final class SelectShape extends TablesNamesFinder<Void> {
  private String problem;

  /** The first refused construct in {@code select}, or null when there is none. */
  static String problem(Select select) {
    SelectShape shape = new SelectShape();
    try {
      shape.getTables((net.sf.jsqlparser.statement.Statement) select);
    } catch (RuntimeException e) {
      // the visitor does not know a construct: fail closed
      return "the statement uses a construct the guard cannot inspect ("
          + e.getClass().getSimpleName()
          + ")";
    }
    if (shape.problem == null) shape.checkSelect(select);
    return shape.problem;
  }

  private void note(String p) {
    if (problem == null) problem = p;
  }

  private void checkSelect(Select s) {
    if (s == null) return;
    if (s.getForMode() != null || s.getForUpdateTable() != null)
      note("locking reads (FOR UPDATE / FOR SHARE) are not allowed");
    if (s.getWithItemsList() != null) s.getWithItemsList().forEach(this::checkWith);
    if (s instanceof PlainSelect p) checkPlain(p);
  }

  private void checkWith(WithItem<?> w) {
    // only a query may stand in a CTE; anything else (INSERT, UPDATE, DELETE, MERGE) writes
    Object body = w.getStatement() != null ? w.getStatement() : w.getParenthesedStatement();
    if (!(body instanceof Select))
      note("a data-modifying WITH (INSERT/UPDATE/DELETE in a CTE) is not allowed");
  }

  private void checkPlain(PlainSelect p) {
    if ((p.getIntoTables() != null && !p.getIntoTables().isEmpty())
        || p.getIntoTempTable() != null) {
      note("SELECT INTO creates a table; the console only reads");
    }
    if (p.getForMode() != null || p.getForUpdateTable() != null)
      note("locking reads (FOR UPDATE / FOR SHARE) are not allowed");
  }

  @Override
  public <S> Void visit(PlainSelect plainSelect, S context) {
    checkPlain(plainSelect);
    if (plainSelect.getWithItemsList() != null)
      plainSelect.getWithItemsList().forEach(this::checkWith);
    return super.visit(plainSelect, context);
  }

  @Override
  public <S> Void visit(WithItem<?> withItem, S context) {
    checkWith(withItem);
    return super.visit(withItem, context);
  }

  @Override
  public <S> Void visit(Function function, S context) {
    String name =
        function.getMultipartName() == null || function.getMultipartName().isEmpty()
            ? function.getName()
            : function.getMultipartName().get(function.getMultipartName().size() - 1);
    if (name != null) {
      DeniedNames.function(name)
          .ifPresent(
              f -> note("the function " + f + "() is not allowed (side effects or server access)"));
    }
    return super.visit(function, context);
  }

  @Override
  public <S> Void visit(Table table, S context) {
    String name =
        table.getUnquotedName() == null ? "" : table.getUnquotedName().toLowerCase(Locale.ROOT);
    String schema =
        table.getUnquotedSchemaName() == null
            ? ""
            : table.getUnquotedSchemaName().toLowerCase(Locale.ROOT);
    if (DeniedNames.relation(name))
      note("the catalog table " + name + " is not readable from the console");
    if (schema.equals("datamapper_undo")
        || (schema.equals("datamapper") && !name.equals("imports"))) {
      note(
          "of Data Mapper's own tables only the import ledger, datamapper.imports, is readable, not "
              + schema
              + "."
              + name);
    }
    return super.visit(table, context);
  }
}
