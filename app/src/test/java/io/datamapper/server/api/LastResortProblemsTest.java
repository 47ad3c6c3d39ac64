package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A file past a limit is the caller's (422, with the setting that raises it); a request that still
 * ran the heap out is the environment's (503 with Retry-After), never a dead server.
 */
class LastResortProblemsTest {

  @Test
  void a_limit_is_a_422_that_names_its_setting() {
    ProblemDetail p =
        Problems.of(
            new LimitExceededException(
                "a.csv",
                "the field in line 2, column 'note' is longer than 16,777,216" + " characters",
                16 << 20,
                ReadLimits.VALUE));

    assertThat(p.getStatus()).isEqualTo(422);
    assertThat(p.getType().toString()).endsWith("/bad-file");
    assertThat(p.getProperties())
        .containsEntry("setting", "datamapper.limits.max-value-size")
        .containsEntry("limit", 16L << 20);
  }

  @Test
  void running_out_of_memory_in_a_request_is_a_503_to_retry_later() {
    ResponseEntity<ProblemDetail> r =
        new ProblemHandler(new StandardEnvironment(), null)
            .outOfMemory(new OutOfMemoryError("Java heap space"));

    assertThat(r.getStatusCode().value()).isEqualTo(503);
    assertThat(r.getHeaders().getFirst("Retry-After")).isEqualTo("30");
    assertThat(r.getBody().getDetail())
        .startsWith("The server ran out of memory for this request; nothing was imported.");
  }
}
