package io.datamapper.server;

import static io.datamapper.server.TestServer.ADMIN_KEY;
import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.AccessRules;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/** Every endpoint declares the role it needs, and the roles are the README's. */
class AccessRulesTest {

  @Test
  void every_registered_handler_method_has_an_explicit_access_rule() {
    var mappings =
        TestServer.server().context().getBeansOfType(RequestMappingInfoHandlerMapping.class);
    List<String> ours = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (var mapping : mappings.values()) {
      for (var e : mapping.getHandlerMethods().entrySet()) {
        RequestMappingInfo info = e.getKey();
        HandlerMethod handler = e.getValue();
        boolean isOurs = handler.getBeanType().getName().startsWith("io.datamapper.");
        for (String pattern : info.getPatternValues()) {
          String where =
              info.getMethodsCondition() + " " + pattern + " -> " + handler.getShortLogMessage();
          if (isOurs) ours.add(where);
          // our controllers must say it themselves; the framework's handlers are open or the
          // actuator's rule
          AccessRules.Rule rule =
              isOurs ? AccessRules.declared(handler) : AccessRules.of(handler, pattern);
          if (rule == null) missing.add(where);
        }
      }
    }
    assertThat(ours).as("our handlers were found").hasSizeGreaterThanOrEqualTo(14);
    assertThat(missing).as("handlers without @Requires or @Open").isEmpty();
  }

  @Test
  void each_role_reaches_what_the_readme_says_and_no_more() {
    Http reader = Http.as(READER_KEY);
    Http importer = Http.as(IMPORTER_KEY);
    Http admin = Http.as(ADMIN_KEY);
    String task = "/tasks/" + UUID.randomUUID();

    assertThat(reader.get("/tables").status()).isEqualTo(200);
    assertThat(reader.get("/imports").status()).isEqualTo(200);
    assertThat(reader.get(task).status()).isEqualTo(404);
    Http.Response detected =
        reader.upload("/detect-mapping", "a.csv", "id,name\n1,Ada\n2,Alan\n3,Grace\n", null);
    assertThat(detected.status()).as(detected.body()).isEqualTo(200);
    assertThat(reader.post(task + "/cancel").status()).isEqualTo(403);
    assertThat(reader.delete(task).status()).isEqualTo(403);
    assertThat(reader.get("/audit").status()).isEqualTo(403);

    assertThat(importer.post(task + "/cancel").status()).isEqualTo(404);
    assertThat(importer.delete(task).status()).isEqualTo(404);
    assertThat(importer.get("/audit").status()).isEqualTo(403);
    assertThat(importer.get("/actuator/metrics").status()).isEqualTo(403);

    Http.Response audit = admin.get("/audit");
    assertThat(audit.status()).as(audit.body()).isEqualTo(200);
    assertThat(admin.get("/actuator/metrics").status()).isEqualTo(200);

    Http anonymous = Http.as(null);
    assertThat(anonymous.get("/openapi.json").status()).isEqualTo(200);
    assertThat(anonymous.get("/mapping.schema.json").status()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
    assertThat(anonymous.get("/tables").status()).isEqualTo(401);
    assertThat(anonymous.get("/no-such-thing").status()).isEqualTo(404);
  }
}
