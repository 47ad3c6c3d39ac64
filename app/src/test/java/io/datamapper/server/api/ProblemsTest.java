package io.datamapper.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.storage.ObjectStoreException;
import io.datamapper.storage.ObjectStoreException.Kind;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

/** Object-store failures as problem details: a wrong name is the caller's (422), the store's refusal or failure a gateway's (502). */
class ProblemsTest {

  @Test
  void a_missing_bucket_or_object_is_422_with_its_url() {
    ProblemDetail p = Problems.of(new ObjectStoreException(Kind.NOT_FOUND, "b2://b/k.csv", "There is no object b2://b/k.csv", null));

    assertThat(p.getStatus()).isEqualTo(422);
    assertThat(p.getType().toString()).endsWith("/no-such-object");
    assertThat(p.getProperties()).containsEntry("url", "b2://b/k.csv");
  }

  @Test
  void refused_credentials_and_an_unreachable_store_are_502() {
    for (Kind kind : new Kind[] {Kind.ACCESS_DENIED, Kind.UNAVAILABLE}) {
      ProblemDetail p = Problems.of(new ObjectStoreException(kind, "s3://b/k.csv", "Access to s3://b/k.csv was refused", null));

      assertThat(p.getStatus()).as(kind.name()).isEqualTo(502);
      assertThat(p.getType().toString()).endsWith("/object-store");
    }
  }
}
