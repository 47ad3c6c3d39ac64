package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.DataMapperException;
import io.datamapper.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server refuses settings that would leave it open, with a message saying what to do. */
class ServerStartupTest {

  @Test
  void without_api_keys_and_without_no_auth_the_server_refuses_to_start() {
    assertThatThrownBy(
            () ->
                Server.start(
                        Map.of(),
                        "--server.port=0",
                        "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
                        "--logging.level.root=OFF")
                    .close())
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("No API keys are configured")
        .hasMessageContaining("datamapper keys new");
  }

  @Test
  void no_auth_is_refused_on_a_non_loopback_address() {
    assertThatThrownBy(
            () ->
                Server.start(
                        Map.of(),
                        "--server.port=0",
                        "--server.address=0.0.0.0",
                        "--datamapper.no-auth=true",
                        "--datamapper.db-url=" + TestDatabase.jdbcUrl(),
                        "--logging.level.root=OFF")
                    .close())
        .isInstanceOf(DataMapperException.class)
        .hasMessageContaining("only when the server binds a loopback address");
  }
}
