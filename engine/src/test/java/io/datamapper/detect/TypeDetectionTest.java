package io.datamapper.detect;

import static io.datamapper.detect.Fixtures.column;
import static io.datamapper.detect.Fixtures.detect;
import static io.datamapper.detect.Fixtures.detectText;
import static io.datamapper.detect.Fixtures.messages;
import static io.datamapper.detect.Fixtures.messagesFor;
import static io.datamapper.detect.Fixtures.names;
import static io.datamapper.detect.Fixtures.sources;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.Transform;
import org.junit.jupiter.api.Test;

class TypeDetectionTest {

  @Test
  void integers_decimals_dates_booleans_and_exponents_get_their_types() {
    Detection d = detect("orders-2024.csv");
    assertThat(column(d, "order_id").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(column(d, "customer").type()).isEqualTo(ColumnType.TEXT);
    assertThat(column(d, "amount").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(column(d, "placed_on").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "placed_on").format()).isNull();
    assertThat(column(d, "shipped").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "shipped").format()).isNull();
    assertThat(column(d, "score").type()).isEqualTo(ColumnType.DOUBLE);
    assertThat(messagesFor(d, "score"))
        .containsExactly("column 'score': exponents appear — typed double");
  }

  @Test
  void semicolon_file_with_decimal_commas_gets_numeric_with_comma_format() {
    Detection d = detect("semicolon_decimal_comma.csv");
    ColumnSpec price = column(d, "price");
    assertThat(price.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(price.format()).isEqualTo(",");
    assertThat(messagesFor(d, "price"))
        .containsExactly("column 'price': decimal comma (12,50) — typed numeric with format ','");
    ColumnSpec weight = column(d, "weight");
    assertThat(weight.type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(weight.format()).isEqualTo(",.");
    assertThat(column(d, "name").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void comma_groups_of_three_digits_are_ambiguous_and_say_so() {
    Detection comma = detectText("id,total\n1,\"1,234\"\n2,\"12,500\"\n3,7\n", "totals.csv");
    assertThat(column(comma, "total").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(column(comma, "total").format()).isEqualTo(".,");
    assertThat(messagesFor(comma, "total").get(0))
        .contains("could be a thousands separator or a decimal comma");
    Detection semicolon = detectText("id;total\n1;1,234\n2;12,500\n3;7\n", "totals.csv");
    assertThat(column(semicolon, "total").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(column(semicolon, "total").format()).isEqualTo(",");
    assertThat(messagesFor(semicolon, "total").get(0)).contains("chose decimal comma");
  }

  @Test
  void thousands_separators_with_decimal_point_get_their_format() {
    Detection d =
        detectText("id,amount\n1,\"1,234.50\"\n2,\"12.00\"\n3,\"1,000,000.25\"\n", "amounts.csv");
    assertThat(column(d, "amount").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(column(d, "amount").format()).isEqualTo(".,");
  }

  @Test
  void integers_too_large_for_bigint_are_numeric() {
    Detection d = detectText("id,big\n1,123456789012345678901234567890\n2,5\n", "big.csv");
    assertThat(column(d, "big").type()).isEqualTo(ColumnType.NUMERIC);
  }

  @Test
  void leading_zero_codes_stay_text_with_a_note() {
    Detection d = detect("leading_zeros.csv");
    assertThat(column(d, "zip").type()).isEqualTo(ColumnType.TEXT);
    assertThat(column(d, "code").type()).isEqualTo(ColumnType.TEXT);
    assertThat(column(d, "count").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(messagesFor(d, "zip"))
        .contains("column 'zip': leading zeros (00123) — kept as text");
    assertThat(messagesFor(d, "code"))
        .contains("column 'code': leading zeros (007) — kept as text");
  }

  @Test
  void day_first_dates_are_chosen_when_a_day_above_12_appears() {
    Detection d = detect("dates_day_first.csv");
    assertThat(column(d, "date").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "date").format()).isEqualTo("dd/MM/yyyy");
    assertThat(messagesFor(d, "date"))
        .containsExactly(
            "column 'date': 03/04/2024 could be DD/MM or MM/DD; chose DD/MM because 17/04/2024 appears");
  }

  @Test
  void month_first_dates_are_chosen_when_a_second_part_above_12_appears() {
    Detection d = detect("dates_month_first.csv");
    assertThat(column(d, "date").format()).isEqualTo("MM/dd/yyyy");
    assertThat(messagesFor(d, "date"))
        .containsExactly(
            "column 'date': 03/04/2024 could be DD/MM or MM/DD; chose MM/DD because 04/17/2024 appears");
  }

  @Test
  void ambiguous_dates_default_to_day_first_with_a_note() {
    Detection d = detect("dates_ambiguous.csv");
    assertThat(column(d, "date").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "date").format()).isEqualTo("dd/MM/yyyy");
    assertThat(messagesFor(d, "date"))
        .singleElement()
        .asString()
        .contains("03/04/2024 could be DD/MM or MM/DD and no sampled value decides; chose DD/MM")
        .contains("MM/dd/yyyy");
  }

  @Test
  void dates_that_fit_neither_order_are_text() {
    Detection d = detectText("id,date\n1,13/04/2024\n2,04/13/2024\n", "mixed.csv");
    assertThat(column(d, "date").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void dotted_and_year_first_dates_get_their_patterns() {
    Detection d = detect("dates_dotted.csv");
    assertThat(column(d, "day").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "day").format()).isEqualTo("d.M.yyyy");
    assertThat(column(d, "when").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "when").format()).isEqualTo("yyyy/MM/dd");
  }

  @Test
  void impossible_iso_dates_are_text() {
    Detection d = detectText("id,day\n1,2024-02-30\n2,2024-01-01\n", "bad.csv");
    assertThat(column(d, "day").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void boolean_spellings_get_boolean_with_their_tokens_but_zero_one_stays_bigint() {
    Detection d = detect("booleans.csv");
    assertThat(column(d, "active").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(messagesFor(d, "active"))
        .containsExactly("column 'active': only 0 and 1 — boolean? kept bigint");
    assertThat(column(d, "flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "flag").format()).isEqualTo("t|f");
    assertThat(column(d, "answer").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "answer").format()).isEqualTo("yes|no");
    assertThat(column(d, "paid").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "paid").format()).isEqualTo("y|n");
  }

  @Test
  void uuids_and_json_containers_get_uuid_and_jsonb() {
    Detection d = detect("uuids.csv");
    assertThat(column(d, "uuid").type()).isEqualTo(ColumnType.UUID);
    assertThat(column(d, "payload").type()).isEqualTo(ColumnType.JSONB);
    Detection broken =
        detectText("id,payload\n1,\"{\"\"a\"\": 1}\"\n2,\"{not json}\"\n", "broken.csv");
    assertThat(column(broken, "payload").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void timestamps_with_offsets_get_timestamptz_and_without_get_timestamp() {
    Detection d = detect("timestamps.csv");
    assertThat(column(d, "created").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(column(d, "created").format()).isNull();
    assertThat(column(d, "updated").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(column(d, "logged_at").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(column(d, "at").type()).isEqualTo(ColumnType.TIME);
    assertThat(column(d, "local").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(column(d, "local").format()).isEqualTo("dd/MM/yyyy HH:mm");
  }

  @Test
  void timestamps_mixing_offsets_and_none_get_timestamptz_with_a_note() {
    Detection d = detectText("id,at\n1,2024-01-05T10:00:00Z\n2,2024-01-05T11:00:00\n", "mixed.csv");
    assertThat(column(d, "at").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(messagesFor(d, "at"))
        .singleElement()
        .asString()
        .contains("2024-01-05T11:00:00 has none");
  }

  @Test
  void null_tokens_in_typed_columns_are_added_with_a_note() {
    Detection d = detect("na_tokens.csv");
    assertThat(d.mapping().source().csv().nullTokens())
        .containsExactly("", "NULL", "N/A", "-", "\\N");
    assertThat(column(d, "price").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(column(d, "qty").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(column(d, "country").type()).isEqualTo(ColumnType.TEXT);
    assertThat(messagesFor(d, "price"))
        .contains("'N/A' appears in 2 rows of 'price' — added as a null token");
    assertThat(messagesFor(d, "qty"))
        .contains("'-' appears in 1 row of 'qty' — added as a null token");
    assertThat(messagesFor(d, "note"))
        .contains(
            "'N/A' also appears in 1 row of text column 'note', which will load as NULL there");
  }

  @Test
  void text_only_null_spellings_are_not_added() {
    Detection d = detect("na_tokens.csv");
    // 'NA' appears only in the text column country (it may be Namibia)
    assertThat(d.mapping().source().csv().nullTokens()).doesNotContain("NA");
  }

  @Test
  void every_column_is_nullable_because_a_sample_cannot_prove_not_null() {
    Detection d = detect("na_tokens.csv");
    assertThat(d.mapping().columns()).allSatisfy(c -> assertThat(c.nullable()).isTrue());
  }

  @Test
  void empty_columns_are_text_with_a_note() {
    Detection d = detectText("id,nothing\n1,\n2,\n", "empty_col.csv");
    assertThat(column(d, "nothing").type()).isEqualTo(ColumnType.TEXT);
    assertThat(messagesFor(d, "nothing"))
        .containsExactly("column 'nothing': empty in all 2 sampled rows — typed text");
  }

  @Test
  void typed_values_with_surrounding_spaces_get_a_trim_step() {
    Detection d = detect("padded.csv");
    assertThat(column(d, "amount").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(column(d, "amount").transforms()).containsExactly(Transform.TRIM);
    assertThat(column(d, "amount").source()).isEqualTo(" amount");
    assertThat(column(d, "day").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "id").transforms()).isEmpty();
  }

  @Test
  void weird_and_duplicate_headers_become_unique_identifiers_with_exact_sources() {
    Detection d = detect("weird_headers.csv");
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(sources(d))
        .containsExactly("Order ID", "order_id", "", "123", "a\"; drop table x; --", "Order ID");
    assertThat(names(d))
        .containsExactly(
            "order_id", "order_id_2", "column", "c_123", "a_drop_table_x", "order_id_3");
    assertThat(messagesFor(d, "order_id_2")).anyMatch(m -> m.contains("renamed order_id_2"));
    assertThat(messagesFor(d, "column")).anyMatch(m -> m.contains("the header is empty"));
    assertThat(messagesFor(d, "order_id_3")).anyMatch(m -> m.contains("appears more than once"));
    assertThat(column(d, "c_123").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "order_id_3").type()).isEqualTo(ColumnType.BOOLEAN);
  }

  @Test
  void candidate_keys_are_noted_best_first_but_not_set() {
    Detection d =
        detectText(
            """
        amount,order_id,customer_code,name
        10,1001,C1,Ann
        20,1002,C2,Ann
        30,1003,C3,Bob
        """,
            "orders.csv");
    assertThat(d.mapping().keys()).isEmpty();
    assertThat(messages(d).stream().filter(m -> m.startsWith("candidate key")))
        .containsExactly(
            "candidate key: order_id (unique in 3 sampled rows, no empty values in sample; not set as a key)",
            "candidate key: customer_code (unique in 3 sampled rows, no empty values in sample; not set as a key)",
            "candidate key: amount (unique in 3 sampled rows, no empty values in sample; not set as a key)");
  }

  @Test
  void columns_with_repeats_or_gaps_are_not_candidate_keys() {
    Detection d = detectText("id,ref_id\n1,5\n1,\n2,6\n", "dups.csv");
    assertThat(messages(d)).noneMatch(m -> m.startsWith("candidate key"));
  }

  @Test
  void notes_list_file_evidence_before_column_evidence() {
    Detection d = detect("na_tokens.csv");
    int lastFile = -1;
    int firstColumn = Integer.MAX_VALUE;
    for (int i = 0; i < d.notes().size(); i++) {
      if (d.notes().get(i).column() == null) lastFile = i;
      else firstColumn = Math.min(firstColumn, i);
    }
    assertThat(lastFile).isLessThan(firstColumn);
  }
}
