package io.datamapper.web;

import io.datamapper.DataMapperException;
import io.datamapper.mapping.MappingException;
import io.datamapper.server.api.ApiException;
import io.datamapper.server.api.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * Errors of the web UI's handlers as HTML, with the status and words the API uses (the engine's
 * user errors by their kind, see {@link Problems}): a message in place of the part an htmx request
 * asked for, or a whole page for a page. Anything else is a 500 that says it is a bug, with details
 * only in the log.
 */
@ControllerAdvice(basePackageClasses = WebErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebErrors {
  private static final Logger log = LoggerFactory.getLogger(WebErrors.class);
  private final WebGuard guard;

  WebErrors(WebGuard guard) {
    this.guard = guard;
  }

  @ExceptionHandler(DataMapperException.class)
  String dataMapper(
      DataMapperException e,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    ProblemDetail p = Problems.of(e);
    List<String> problems = e instanceof MappingException m ? m.problems() : List.of();
    return show(
        request,
        response,
        model,
        p.getStatus(),
        p.getTitle(),
        problems.size() > 1 ? "The mapping has " + problems.size() + " problems:" : e.getMessage(),
        problems.size() > 1 ? problems : List.of());
  }

  @ExceptionHandler(ApiException.class)
  String api(
      ApiException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    return show(
        request,
        response,
        model,
        e.status().value(),
        e.status().getReasonPhrase(),
        e.getMessage(),
        List.of());
  }

  @ExceptionHandler(ResponseStatusException.class)
  String status(
      ResponseStatusException e,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    return show(
        request,
        response,
        model,
        e.getStatusCode().value(),
        "Not possible",
        e.getReason(),
        List.of());
  }

  @ExceptionHandler(Exception.class)
  String bug(Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
    if (e instanceof ErrorResponse er && er.getStatusCode().is4xxClientError()) {
      // a request Spring could not bind (a missing field, a wrong method): the request's fault
      return show(
          request,
          response,
          model,
          er.getStatusCode().value(),
          "Bad request",
          er.getBody().getDetail(),
          List.of());
    }
    log.error("Internal error in the web UI", e);
    return show(
        request,
        response,
        model,
        500,
        "Internal error",
        "Internal error (a bug in Data Mapper; the server log has the "
            + "details): "
            + e.getClass().getSimpleName(),
        List.of());
  }

  private String show(
      HttpServletRequest request,
      HttpServletResponse response,
      Model model,
      int status,
      String title,
      String detail,
      List<String> problems) {
    response.setStatus(status);
    WebUiConfig.LayoutModel.fill(guard, request, model);
    model.addAttribute("problemTitle", title);
    model.addAttribute("problemDetail", detail);
    model.addAttribute("problems", problems);
    return request.getHeader("HX-Request") != null ? "ui/layout :: problem" : "ui/error-page";
  }
}
