package io.datamapper.query;

import java.util.Locale;

/**
 * The layers of the read-only guard, in the order a statement meets them. Each one alone stops a
 * part of what a hostile or confused model could write; together they make the console read-only by
 * construction.
 */
public enum Layer {
  /**
   * {@link ParseGuard}: one SELECT-like statement, no side-effect functions, read with a real SQL
   * parser.
   */
  PARSE,
  /**
   * {@link PrivilegeGuard}: the statement runs as a NOLOGIN role that may only SELECT the user's
   * tables.
   */
  PRIVILEGE,
  /**
   * {@link TransactionGuard}: a READ ONLY transaction that is always rolled back, with timeouts and
   * a row cap.
   */
  TRANSACTION;

  /**
   * The name used in messages, JSON and the audit table: {@code parse}, {@code privilege}, {@code
   * transaction}.
   */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
