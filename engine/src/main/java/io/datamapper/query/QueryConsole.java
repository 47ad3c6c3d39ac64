package io.datamapper.query;

import io.datamapper.DataMapperException;
import io.datamapper.db.SqlFailures;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The query console: answers a plain-language question with SQL a model writes from the schema
 * ({@link #ask}), or runs SQL as given ({@link #run}), always through the read-only guard — {@link
 * ParseGuard}, {@link PrivilegeGuard}, {@link TransactionGuard} — and records every question and
 * statement in {@code datamapper.queries}. When PostgreSQL refuses the model's SQL (unknown column,
 * type error) the error goes back to the model, at most {@value #MAX_REPAIRS} times; a guard's
 * refusal is final. Thread-safe: one instance serves concurrent questions, each on connections of
 * its own.
 *
 * <p>Throws {@link QueryRefusedException} (names the layer), {@link QueryFailedException}, {@link
 * QueryCancelledException}, {@link ModelException} (no model, or it failed), or a {@link
 * DataMapperException} when the database cannot be reached.
 */
public final class QueryConsole {
  public static final int MAX_REPAIRS = 2;
  private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(2);
  private static final int SAMPLE_ROWS = 200;
  private static final int SAMPLE_VALUES = 5;
  private static final int SAMPLE_LENGTH = 40;

  private final DataSource dataSource;
  private final ConfiguredModel model;
  private final QuerySettings settings;
  private final Set<Layer> layers;
  private final ParseGuard parse = new ParseGuard();
  private final PrivilegeGuard privilege;
  private final TransactionGuard transaction;
  private final QueryAudit audit;

  private QueryConsole(Builder b) {
    this.dataSource = Objects.requireNonNull(b.dataSource, "dataSource");
    this.model = b.model;
    this.settings = b.settings;
    this.layers = Set.copyOf(b.layers);
    this.privilege = new PrivilegeGuard(settings.readerRole());
    this.transaction = new TransactionGuard(settings);
    this.audit = new QueryAudit(dataSource, b.client);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The model that writes SQL for questions, if one is configured. */
  public Optional<ConfiguredModel> model() {
    return Optional.ofNullable(model);
  }

  public QuerySettings settings() {
    return settings;
  }

  /** Runs {@code sql} through the guard with the default row cap. */
  public QueryResult run(String sql) {
    return run(sql, settings.maxRows(), new Cancellation());
  }

  /** Runs {@code sql} through the guard; at most {@code maxRows} rows are read. */
  public QueryResult run(String sql, int maxRows, Cancellation cancellation) {
    long start = System.nanoTime();
    try {
      String checked = layers.contains(Layer.PARSE) ? parse.check(sql) : sql;
      Rows rows = execute(checked, maxRows, cancellation);
      return answered(null, checked, rows, start, 0);
    } catch (RuntimeException e) {
      throw recorded(null, sql, e, start, 0);
    }
  }

  /** Answers {@code question} with the default row cap. */
  public QueryResult ask(String question) {
    return ask(question, settings.maxRows(), new Cancellation());
  }

  /**
   * Has the model write SQL for {@code question} and runs it through the guard, repairing it after
   * PostgreSQL errors.
   */
  public QueryResult ask(String question, int maxRows, Cancellation cancellation) {
    long start = System.nanoTime();
    if (question == null || question.isBlank())
      throw new DataMapperException(
          "Ask a question, e.g. datamapper ask \"how many orders per country?\"");
    if (model == null) throw recorded(question, null, ModelException.missing(), start, 0);
    SqlWriter writer = new SqlWriter(model);
    String sql = null;
    try {
      String context = describe(question);
      cancellation.throwIfCancelled();
      sql = writer.first(question, context);
      while (true) {
        cancellation.throwIfCancelled();
        String checked = layers.contains(Layer.PARSE) ? parse.check(sql) : sql;
        try {
          return answered(
              question, checked, execute(checked, maxRows, cancellation), start, writer.attempts());
        } catch (QueryFailedException failed) {
          if (writer.attempts() > MAX_REPAIRS) throw failed.afterAttempts(writer.attempts());
          cancellation.throwIfCancelled();
          sql = writer.repair(checked, failed.getMessage());
        }
      }
    } catch (RuntimeException e) {
      // a model call interrupted by a cancel fails in its own way: it is still a cancel
      RuntimeException why =
          cancellation.isCancelled()
                  && !(e instanceof QueryRefusedException)
                  && !(e instanceof QueryCancelledException)
              ? new QueryCancelledException("Cancelled.")
              : e;
      throw recorded(question, sql, why, start, writer.attempts());
    }
  }

  /** The tables questions may use (user schemas and the ledger), with columns, keys and lineage. */
  public List<TableSchema> tables() {
    try (Connection c = dataSource.getConnection()) {
      return Catalog.read(c);
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read the tables", e);
    }
  }

  /**
   * A table by {@code name} or {@code schema.name}; a bare name prefers the {@code public} schema.
   */
  public Optional<TableSchema> table(String name) {
    List<TableSchema> all = tables();
    return all.stream()
        .filter(t -> t.qualifiedName().equalsIgnoreCase(name))
        .findFirst()
        .or(
            () ->
                all.stream()
                    .filter(t -> t.name().equalsIgnoreCase(name))
                    .min(
                        (a, b) ->
                            Boolean.compare(
                                !a.schema().equals("public"), !b.schema().equals("public"))));
  }

  /**
   * What the model is told about the database for {@code question}: ranked, sampled through the
   * guard, capped.
   */
  String describe(String question) {
    List<TableSchema> ranked = SchemaContext.rank(tables(), question);
    Set<Layer> sampleLayers = EnumSet.copyOf(layers);
    sampleLayers.remove(Layer.PARSE); // our own statements, names quoted from the catalog
    TransactionGuard quick =
        new TransactionGuard(
            settings.withStatementTimeout(
                settings.statementTimeout().compareTo(SAMPLE_TIMEOUT) < 0
                    ? settings.statementTimeout()
                    : SAMPLE_TIMEOUT));
    GuardedSession session = null;
    try {
      session = GuardedSession.open(dataSource, sampleLayers, privilege, quick, null);
      GuardedSession s = session;
      return SchemaContext.describe(ranked, t -> samples(s, t), settings.promptChars());
    } catch (SQLException e) {
      throw SqlFailures.internal("Cannot read the tables", e);
    } finally {
      if (session != null) session.close();
    }
  }

  /**
   * Up to five distinct short values of each text column, read as the reader role in the read-only
   * transaction.
   */
  private static Map<String, List<String>> samples(GuardedSession session, TableSchema t) {
    List<String> text =
        t.columns().stream().filter(c -> isText(c.type())).map(TableSchema.Column::name).toList();
    if (text.isEmpty()) return Map.of();
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < text.size(); i++)
      sql.append(i == 0 ? "" : ", ").append(Catalog.quote(text.get(i))).append("::text");
    sql.append(" FROM ")
        .append(Catalog.quote(t.schema()))
        .append('.')
        .append(Catalog.quote(t.name()))
        .append(" LIMIT ")
        .append(SAMPLE_ROWS);
    Rows rows = session.tryQuery(sql.toString(), SAMPLE_ROWS);
    if (rows == null) return Map.of();
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < text.size(); i++) {
      Set<String> values = new LinkedHashSet<>();
      boolean shortText = true;
      for (List<Object> row : rows.rows()) {
        Object v = row.get(i);
        if (v == null) continue;
        String s = v.toString();
        if (s.length() > 2 * SAMPLE_LENGTH || s.contains("\n")) shortText = false;
        if (values.size() < SAMPLE_VALUES && s.length() <= SAMPLE_LENGTH) values.add(s);
      }
      if (shortText && !values.isEmpty()) out.put(text.get(i), List.copyOf(values));
    }
    return out;
  }

  private static boolean isText(String type) {
    return type.equals("text") || type.startsWith("character") || type.equals("citext");
  }

  private Rows execute(String sql, int maxRows, Cancellation cancellation) {
    cancellation.throwIfCancelled();
    try (GuardedSession session =
        GuardedSession.open(dataSource, layers, privilege, transaction, sql)) {
      return session.query(sql, maxRows, cancellation);
    } catch (SQLException e) {
      throw SqlErrors.classify(e, sql, layers, settings, cancellation);
    }
  }

  private QueryResult answered(String question, String sql, Rows rows, long start, int attempts) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    String modelName = attempts > 0 ? model.describe() : null;
    QueryResult r =
        new QueryResult(
            question,
            sql,
            rows.columns(),
            rows.types(),
            rows.rows(),
            rows.rows().size(),
            rows.truncated(),
            ms,
            modelName,
            attempts);
    audit.record(
        new QueryAudit.Entry(
            question,
            sql,
            "answered",
            null,
            null,
            r.rowCount(),
            r.truncated(),
            ms,
            modelName,
            attempts));
    return r;
  }

  private RuntimeException recorded(
      String question, String sql, RuntimeException e, long start, int attempts) {
    long ms = (System.nanoTime() - start) / 1_000_000;
    String modelName = attempts > 0 ? model.describe() : null;
    QueryAudit.Entry entry =
        switch (e) {
          case QueryRefusedException r ->
              new QueryAudit.Entry(
                  question,
                  r.sql() != null ? r.sql() : sql,
                  "refused",
                  r.layer(),
                  r.reason(),
                  null,
                  false,
                  ms,
                  modelName,
                  attempts);
          case QueryCancelledException c ->
              new QueryAudit.Entry(
                  question,
                  sql,
                  "cancelled",
                  null,
                  c.getMessage(),
                  null,
                  false,
                  ms,
                  modelName,
                  attempts);
          case QueryFailedException f ->
              new QueryAudit.Entry(
                  question,
                  f.sql(),
                  "failed",
                  null,
                  f.getMessage(),
                  null,
                  false,
                  ms,
                  modelName,
                  attempts);
          default ->
              new QueryAudit.Entry(
                  question,
                  sql,
                  "failed",
                  null,
                  e.getMessage() == null ? e.toString() : e.getMessage(),
                  null,
                  false,
                  ms,
                  modelName,
                  attempts);
        };
    audit.record(entry);
    return e;
  }

  /** Builds a {@link QueryConsole}; only the data source is required. */
  public static final class Builder {
    private DataSource dataSource;
    private ConfiguredModel model;
    private QuerySettings settings = QuerySettings.defaults();
    private String client = "cli";
    private Set<Layer> layers = EnumSet.allOf(Layer.class);

    private Builder() {}

    /** The database, connected as its owner (the audit and grants are written as this user). */
    public Builder dataSource(DataSource dataSource) {
      this.dataSource = dataSource;
      return this;
    }

    /** The model for questions; null for none (plain SQL still runs). */
    public Builder model(ConfiguredModel model) {
      this.model = model;
      return this;
    }

    public Builder settings(QuerySettings settings) {
      this.settings = Objects.requireNonNull(settings);
      return this;
    }

    /** Who asks, for the audit: {@code cli}, {@code console}, {@code api}. */
    public Builder client(String client) {
      this.client = Objects.requireNonNull(client);
      return this;
    }

    /** Tests only: switches layers off to show what each one stops by itself. */
    Builder layers(Set<Layer> on) {
      this.layers = on.isEmpty() ? EnumSet.noneOf(Layer.class) : EnumSet.copyOf(on);
      return this;
    }

    public QueryConsole build() {
      return new QueryConsole(this);
    }
  }
}
