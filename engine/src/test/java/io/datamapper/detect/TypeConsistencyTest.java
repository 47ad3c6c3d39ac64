package io.datamapper.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Equally consistent field counts are decided by how consistently the columns hold typed values.
 */
class TypeConsistencyTest {
  @Test
  void decimal_commas_under_semicolons_beat_a_comma_split_with_as_many_fields() {
    // "," gives three fields on every row and ";" two: equally consistent; only ";" gives numbers
    // in every column
    Detection d = Fixtures.detectText("1,5;2,5\n3,25;4,75\n5,5;6,0\n", "measures.csv");

    assertThat(d.mapping().source().csv().delimiter()).isEqualTo(';');
    assertThat(d.mapping().columns().get(0).format()).isEqualTo(",");
    assertThat(d.notes())
        .anySatisfy(
            n ->
                assertThat(n.message())
                    .contains("would also give 3 fields")
                    .contains("typed values more consistently"));
  }

  @Test
  void the_score_counts_cells_of_each_columns_most_common_known_shape() {
    assertThat(
            TypeConsistency.of(List.of(List.of("1", "2024-01-02"), List.of("2", "2024-01-03")), 2))
        .isEqualTo(1.0);
    assertThat(TypeConsistency.of(List.of(List.of("1", "x;y"), List.of("2", "z;w")), 2))
        .isEqualTo(0.5);
    assertThat(TypeConsistency.of(List.of(List.of("a")), 2)).isZero();
  }
}
