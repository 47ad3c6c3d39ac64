package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * An IllegalArgumentException or IllegalStateException that escapes the engine is a missing check,
 * not the caller's fault: 500, with the class in the detail and never a stack or the message.
 */
class BareExceptionIsABugTest {
  private final ProblemHandler handler = new ProblemHandler(new StandardEnvironment(), null);

  @Test
  void a_bare_illegal_argument_is_a_500_without_a_stack_in_the_body() {
    ResponseEntity<ProblemDetail> r =
        handler.bug(new IllegalArgumentException("secret internal state 42"));

    assertThat(r.getStatusCode().value()).isEqualTo(500);
    String detail = r.getBody().getDetail();
    assertThat(detail)
        .contains("a bug in Data Mapper")
        .contains("IllegalArgumentException")
        .doesNotContain("secret internal state")
        .doesNotContain("\tat ")
        .doesNotContain("io.datamapper.");
  }

  @Test
  void a_bare_illegal_state_is_a_500_too() {
    ResponseEntity<ProblemDetail> r = handler.bug(new IllegalStateException("broken"));

    assertThat(r.getStatusCode().value()).isEqualTo(500);
    assertThat(r.getBody().getDetail()).contains("IllegalStateException");
  }
}
