package io.datamapper;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The engine is a plain-Java library (the Maven enforcer also bans Spring from its dependencies).
 */
class EngineHasNoSpringTest {

  @Test
  void spring_is_not_on_the_engine_classpath() {
    assertThatThrownBy(() -> Class.forName("org.springframework.core.SpringVersion"))
        .isInstanceOf(ClassNotFoundException.class);
    assertThatThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"))
        .isInstanceOf(ClassNotFoundException.class);
  }
}
