package io.datamapper.web;

import io.datamapper.DataMapperException;
import io.datamapper.query.Cancellation;
import io.datamapper.query.ConfiguredModel;
import io.datamapper.query.ModelException;
import io.datamapper.query.QueryConsole;
import io.datamapper.query.QueryFailedException;
import io.datamapper.query.QueryRefusedException;
import io.datamapper.query.QueryResult;
import io.datamapper.server.security.BrowserPages;
import io.datamapper.server.security.Requires;
import io.datamapper.server.security.Role;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Console page: a question (the server's language model writes the SQL) or SQL, answered
 * read-only through the query console's guard (parse, privilege, transaction); the SQL shown,
 * editable and run again; the result as a table and, when it has one label column and numeric
 * columns, a chart; a refusal names the layer that refused; the session's earlier questions.
 */
@Controller
@BrowserPages
class ConsolePage {
  static final int HISTORY = 20;
  private static final String HISTORY_ATTRIBUTE = "datamapper.web.console";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final QueryConsole console;

  /** One earlier question (or SQL) of this session and how it ended. */
  record Asked(String question, String sql, String outcome, String again) {}

  ConsolePage(QueryConsole api, DataSource dataSource) {
    // the API's model and settings; its own client name in datamapper.queries
    this.console =
        QueryConsole.builder()
            .dataSource(dataSource)
            .model(api.model().orElse(null))
            .settings(api.settings())
            .client("web")
            .build();
  }

  @Requires(Role.READER)
  @GetMapping("/ui/console")
  String page(HttpSession session, Model model) {
    model.addAttribute("page", "console");
    model.addAttribute("model", console.model().map(ConfiguredModel::describe).orElse(null));
    model.addAttribute("history", List.copyOf(history(session)));
    model.addAttribute("maxRows", console.settings().maxRows());
    return "ui/console";
  }

  @Requires(Role.READER)
  @PostMapping("/ui/console/ask")
  String ask(@RequestParam(required = false) String question, HttpSession session, Model model) {
    if (question == null || question.isBlank())
      throw new DataMapperException("Type a question first.");
    model.addAttribute("question", question.strip());
    QueryResult r;
    try {
      r = console.ask(question.strip(), console.settings().maxRows(), new Cancellation());
    } catch (RuntimeException e) {
      remember(session, question.strip(), null, outcome(e));
      throw e;
    }
    remember(
        session, question.strip(), r.sql(), r.rowCount() + (r.rowCount() == 1 ? " row" : " rows"));
    return answer(r, session, model);
  }

  @Requires(Role.READER)
  @PostMapping("/ui/console/run")
  String run(@RequestParam(required = false) String sql, HttpSession session, Model model) {
    if (sql == null || sql.isBlank())
      throw new DataMapperException(
          "Type SQL first: one SELECT (or WITH, VALUES, TABLE, EXPLAIN).");
    QueryResult r;
    try {
      r = console.run(sql.strip(), console.settings().maxRows(), new Cancellation());
    } catch (RuntimeException e) {
      remember(session, null, sql.strip(), outcome(e));
      throw e;
    }
    remember(session, null, r.sql(), r.rowCount() + (r.rowCount() == 1 ? " row" : " rows"));
    return answer(r, session, model);
  }

  private String answer(QueryResult r, HttpSession session, Model model) {
    model.addAttribute("result", r);
    model.addAttribute("sql", r.sql());
    model.addAttribute(
        "chart", ConsoleChart.of(r).map(c -> JSON.writeValueAsString(c)).orElse(null));
    model.addAttribute("chartLabel", ConsoleChart.of(r).map(ConsoleChart::describe).orElse(null));
    model.addAttribute("history", List.copyOf(history(session)));
    return "ui/console-parts :: answer";
  }

  @ExceptionHandler(QueryRefusedException.class)
  String refused(
      QueryRefusedException e, HttpSession session, HttpServletResponse response, Model model) {
    response.setStatus(422);
    model.addAttribute("refusalTitle", "Refused by the " + e.layer().label() + " layer");
    model.addAttribute("layer", e.layer().label());
    model.addAttribute("refusal", e.reason());
    model.addAttribute("sql", e.sql());
    model.addAttribute("history", List.copyOf(history(session)));
    return "ui/console-parts :: refusal";
  }

  @ExceptionHandler(QueryFailedException.class)
  String failed(
      QueryFailedException e, HttpSession session, HttpServletResponse response, Model model) {
    response.setStatus(422);
    model.addAttribute("refusalTitle", "PostgreSQL refused the SQL");
    model.addAttribute("refusal", e.getMessage());
    model.addAttribute("sql", e.sql());
    model.addAttribute("history", List.copyOf(history(session)));
    return "ui/console-parts :: refusal";
  }

  @ExceptionHandler(ModelException.class)
  String model(ModelException e, HttpSession session, HttpServletResponse response, Model model) {
    response.setStatus(e.notConfigured() ? 503 : 502);
    model.addAttribute(
        "refusalTitle",
        e.notConfigured() ? "No language model is configured" : "The language model failed");
    model.addAttribute(
        "refusal",
        e.notConfigured()
            ? "This server has no language model to turn questions into SQL. "
                + ModelException.HOW_TO_CONFIGURE
                + " Set them in the server's environment and restart it. SQL works without a model: type it in the SQL box."
            : e.getMessage());
    model.addAttribute("history", List.copyOf(history(session)));
    return "ui/console-parts :: refusal";
  }

  private static String outcome(RuntimeException e) {
    if (e instanceof QueryRefusedException r)
      return "refused by the " + r.layer().label() + " layer";
    if (e instanceof QueryFailedException) return "PostgreSQL refused it";
    if (e instanceof ModelException) return "no answer from a model";
    return "failed";
  }

  private static void remember(HttpSession session, String question, String sql, String outcome) {
    Deque<Asked> h = history(session);
    synchronized (h) {
      String again = sql == null ? null : JSON.writeValueAsString(Map.of("sql", sql));
      h.addFirst(new Asked(question, sql, outcome, again));
      while (h.size() > HISTORY) h.removeLast();
    }
  }

  @SuppressWarnings("unchecked")
  private static Deque<Asked> history(HttpSession session) {
    synchronized (ConsolePage.class) {
      if (session.getAttribute(HISTORY_ATTRIBUTE) instanceof Deque<?> d) return (Deque<Asked>) d;
      Deque<Asked> d = new ArrayDeque<>();
      session.setAttribute(HISTORY_ATTRIBUTE, d);
      return d;
    }
  }
}
