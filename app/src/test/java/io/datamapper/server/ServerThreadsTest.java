package io.datamapper.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The threads whose death stops the server for a restart are Tomcat's acceptors and pollers, and
 * only those.
 */
class ServerThreadsTest {

  @Test
  void only_acceptor_and_poller_threads_are_vital() {
    assertThat(ServerThreads.vital("http-nio-127.0.0.1-8080-Acceptor")).isTrue();
    assertThat(ServerThreads.vital("http-nio-127.0.0.1-8080-Poller")).isTrue();
    assertThat(ServerThreads.vital("http-nio-127.0.0.1-8080-exec-3")).isFalse();
    assertThat(ServerThreads.vital("datamapper-read-orders.csv")).isFalse();
    assertThat(ServerThreads.vital("datamapper-read-upload-Acceptor"))
        .as("a file's name")
        .isFalse();
  }
}
