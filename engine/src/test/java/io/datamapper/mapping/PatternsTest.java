package io.datamapper.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PatternsTest {
  @Test
  void the_cache_stays_bounded_and_keeps_the_patterns_used_recently() {
    Pattern hot = Patterns.get("^hot-[0-9]+$");
    for (int i = 0; i < Patterns.MAX * 4; i++) {
      Patterns.get("^cold-" + i + "$");
      if (i % 16 == 0) assertThat(Patterns.get("^hot-[0-9]+$")).isSameAs(hot);
      assertThat(Patterns.size()).isLessThanOrEqualTo(Patterns.MAX);
    }

    assertThat(Patterns.size()).isEqualTo(Patterns.MAX);
    assertThat(Patterns.get("^hot-[0-9]+$")).as("used recently, so kept").isSameAs(hot);
    Pattern first = Patterns.get("^cold-0$");
    assertThat(first.matcher("cold-0").matches()).isTrue();
  }

  @Test
  void the_same_regex_gives_the_same_compiled_pattern() {
    assertThat(Patterns.get("a+b")).isSameAs(Patterns.get("a+b"));
  }
}
