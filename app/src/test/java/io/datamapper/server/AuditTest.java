package io.datamapper.server;

import static io.datamapper.server.TestServer.ADMIN_KEY;
import static io.datamapper.server.TestServer.IMPORTER_KEY;
import static io.datamapper.server.TestServer.READER_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.server.security.ApiKeys;
import io.datamapper.testing.Await;
import io.datamapper.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every mutating request and every refused one lands in datamapper.audit, naming keys only by their
 * id.
 */
class AuditTest {

  private static List<Map<String, Object>> rows(String where) {
    return TestDatabase.query(
        "SELECT key_id, role, remote_address, method, route, path, target::text AS target, status, node "
            + "FROM datamapper.audit WHERE "
            + where
            + " ORDER BY id");
  }

  private static List<Map<String, Object>> await(String where, int count) {
    List<Map<String, Object>> found =
        Await.until(
            count + " audit rows where " + where,
            Duration.ofSeconds(30),
            () -> rows(where),
            rows -> rows.size() >= count);
    assertThat(found).as(where).hasSize(count);
    return found;
  }

  @Test
  void imports_undos_and_refusals_are_audited_with_who_what_and_outcome_but_never_a_key()
      throws Exception {
    String schema = TestDatabase.freshSchema("audited");
    String mapping =
        "{\"target\": {\"schema\": \""
            + schema
            + "\", \"table\": \"people\"}, \"columns\": [{\"source\": \"id\", \"type\": \"bigint\"}]}";
    Http reader = Http.as(READER_KEY);
    Http importer = Http.as(IMPORTER_KEY);

    assertThat(
            reader
                .upload("/map%2Ddata?table=" + schema + ".people", "p.csv", "id\n1\n", mapping)
                .status())
        .isEqualTo(403);
    assertThat(reader.delete("/imports;" + schema + "/1").status()).isEqualTo(400);
    long id =
        importer
            .upload("/map-data", "p.csv", "id\n1\n2\n", mapping)
            .json()
            .get("importId")
            .asLong();
    assertThat(importer.delete("/imports/" + id).status()).isEqualTo(200);
    assertThat(Http.as("dm_not_a_key_" + schema).get("/tables?audit=" + schema).status())
        .isEqualTo(401);

    String readerId = ApiKeys.sha256(READER_KEY).substring(0, 8);
    String importerId = ApiKeys.sha256(IMPORTER_KEY).substring(0, 8);
    Map<String, Object> denied =
        await(
                "path = '/map%2Ddata?table="
                    + schema
                    + ".people' OR (route = '/map-data' AND status = 403 "
                    + "AND target->>'table' = '"
                    + schema
                    + ".people')",
                1)
            .get(0);
    assertThat(denied)
        .containsEntry("key_id", readerId)
        .containsEntry("role", "reader")
        .containsEntry("method", "POST")
        .containsEntry("route", "/map-data")
        .containsEntry("status", 403)
        .containsEntry("remote_address", "127.0.0.1")
        .containsEntry("node", "test-node");
    Map<String, Object> badPath = await("path = '/imports;" + schema + "/1'", 1).get(0);
    assertThat(badPath)
        .containsEntry("key_id", readerId)
        .containsEntry("method", "DELETE")
        .containsEntry("status", 400)
        .containsEntry("route", null);
    Map<String, Object> imported =
        await("route = '/map-data' AND status = 200 AND (target->>'importId')::bigint = " + id, 1)
            .get(0);
    assertThat(imported).containsEntry("key_id", importerId).containsEntry("role", "importer");
    assertThat((String) imported.get("target")).contains("\"table\": \"" + schema + ".people\"");
    Map<String, Object> undone =
        await(
                "route = '/imports/{id}' AND method = 'DELETE' AND target->>'importId' = '"
                    + id
                    + "'",
                1)
            .get(0);
    assertThat(undone).containsEntry("key_id", importerId).containsEntry("status", 200);
    Map<String, Object> unknown = await("path LIKE '/tables%audit=" + schema + "'", 1).get(0);
    assertThat(unknown)
        .containsEntry("key_id", "invalid-key")
        .containsEntry("role", null)
        .containsEntry("status", 401);
    // reads that were answered are not audited
    assertThat(rows("method = 'GET' AND status = 200")).isEmpty();

    assertThat(
            TestDatabase.query(
                    "SELECT count(*) AS n FROM datamapper.audit WHERE concat_ws(' ', key_id, path, target::text) "
                        + "LIKE '%dm_%key%'")
                .get(0))
        .containsEntry("n", 0L);

    JsonNode listed = Http.as(ADMIN_KEY).get("/audit?limit=1000").json();
    assertThat(listed.toString())
        .contains("\"route\":\"/imports/{id}\"", "\"keyId\":\"" + importerId + "\"");
    long newest = listed.get(0).get("id").asLong();
    JsonNode older = Http.as(ADMIN_KEY).get("/audit?limit=1&before=" + newest).json();
    assertThat(older.get(0).get("id").asLong()).isLessThan(newest);
  }
}
