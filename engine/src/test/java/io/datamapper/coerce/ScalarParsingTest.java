package io.datamapper.coerce;

import static io.datamapper.coerce.Parsing.parse;
import static io.datamapper.coerce.Parsing.rejects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.datamapper.mapping.ColumnType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ScalarParsingTest {

  @Test
  void boolean_accepts_the_usual_tokens_in_any_case() {
    for (String t : new String[] {"true", "TRUE", "t", "Yes", "y", "on", "1", " true "}) {
      assertThat(parse(ColumnType.BOOLEAN, null, t)).as(t).isEqualTo(true);
    }
    for (String f : new String[] {"false", "F", "no", "N", "OFF", "0"}) {
      assertThat(parse(ColumnType.BOOLEAN, null, f)).as(f).isEqualTo(false);
    }
    rejects(
        ColumnType.BOOLEAN,
        null,
        "maybe",
        "not a boolean; expected one of true, t, yes, y, on, 1 or false, f, no, n, off, 0");
    rejects(ColumnType.BOOLEAN, null, "2", "not a boolean");
  }

  @Test
  void boolean_format_replaces_the_default_tokens() {
    assertThat(parse(ColumnType.BOOLEAN, "ja|nein", "JA")).isEqualTo(true);
    assertThat(parse(ColumnType.BOOLEAN, "ja, j | nein, n", "n")).isEqualTo(false);
    rejects(ColumnType.BOOLEAN, "ja|nein", "true", "expected one of ja or nein");
  }

  @Test
  void boolean_formats_that_cannot_work_are_refused_when_the_parser_is_made() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.BOOLEAN, "yes"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.BOOLEAN, "yes||no"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.BOOLEAN, "x,|no"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ValueParser.forColumn(ColumnType.BOOLEAN, "x|X"))
        .withMessageContaining("as both true and false");
  }

  @Test
  void uuid_accepts_canonical_bare_and_braced_forms_in_any_case() {
    UUID expected = UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(parse(ColumnType.UUID, null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"))
        .isEqualTo(expected);
    assertThat(parse(ColumnType.UUID, null, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"))
        .isEqualTo(expected);
    assertThat(parse(ColumnType.UUID, null, "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}"))
        .isEqualTo(expected);
    assertThat(parse(ColumnType.UUID, null, " a0eebc999c0b4ef8bb6d6bb9bd380a11 "))
        .isEqualTo(expected);
    assertThat(parse(ColumnType.UUID, null, "ffffffff-ffff-ffff-ffff-ffffffffffff"))
        .isEqualTo(new UUID(-1, -1));
  }

  @Test
  void uuid_rejects_what_uuid_from_string_would_let_through() {
    rejects(ColumnType.UUID, null, "1-2-3-4-5", "not a UUID");
    rejects(ColumnType.UUID, null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", "not a UUID");
    rejects(ColumnType.UUID, null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1g", "not a UUID");
    rejects(ColumnType.UUID, null, "a0eebc999-c0b-4ef8-bb6d-6bb9bd380a11", "not a UUID");
    rejects(ColumnType.UUID, null, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1é", "not a UUID");
    rejects(ColumnType.UUID, null, "g0eebc999c0b4ef8bb6d6bb9bd380a11", "not a UUID");
    rejects(ColumnType.UUID, null, "{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "not a UUID");
  }

  @Test
  void text_is_kept_as_is_with_whitespace_quotes_and_emoji() {
    String s = "  \"quoted\", comma\nnew line 😀 ";
    assertThat(parse(ColumnType.TEXT, null, s)).isSameAs(s);
    assertThat(parse(ColumnType.TEXT, null, "")).isEqualTo("");
  }

  @Test
  void text_rejects_characters_postgresql_cannot_store() {
    rejects(
        ColumnType.TEXT,
        null,
        "a\u0000b",
        "contains a NUL character, which PostgreSQL text cannot store");
  }

  @Test
  void jsonb_accepts_one_json_value_of_any_kind_and_keeps_the_text() {
    String doc = "{\"a\": [1, 2.5e3, null, true], \"b\": {\"c\": \"\\u00e9\\ud83d\\ude00\"}}";
    assertThat(parse(ColumnType.JSONB, null, doc)).isSameAs(doc);
    assertThat(parse(ColumnType.JSONB, null, " 42 ")).isEqualTo(" 42 ");
    assertThat(parse(ColumnType.JSONB, null, "\"just a string\"")).isEqualTo("\"just a string\"");
    assertThat(parse(ColumnType.JSONB, null, "[]")).isEqualTo("[]");
  }

  @Test
  void jsonb_rejects_invalid_json_and_what_jsonb_cannot_store() {
    rejects(ColumnType.JSONB, null, "{a: 1}", "is not valid JSON at line 1, column 2");
    rejects(ColumnType.JSONB, null, "{\"a\": 1", "is not valid JSON");
    rejects(ColumnType.JSONB, null, "{} {}", "more than one value");
    rejects(ColumnType.JSONB, null, "1 2", "more than one value");
    rejects(ColumnType.JSONB, null, "   ", "is not JSON: it is blank");
    rejects(ColumnType.JSONB, null, "NaN", "is not valid JSON");
    rejects(
        ColumnType.JSONB,
        null,
        "{\"a\": \"\\u0000\"}",
        "jsonb cannot store: contains a NUL character");
    rejects(
        ColumnType.JSONB,
        null,
        "[\"\\ud800\"]",
        "jsonb cannot store: contains an unpaired UTF-16 surrogate");
    rejects(ColumnType.JSONB, null, "[1e999999]", "JSON number out of range for jsonb");
  }

  @Test
  void parsers_are_created_for_every_column_type() {
    for (String type :
        new String[] {
          "text",
          "integer",
          "bigint",
          "numeric",
          "numeric(12,2)",
          "double",
          "boolean",
          "date",
          "time",
          "timestamp",
          "timestamptz",
          "uuid",
          "jsonb",
          "text[]",
          "integer[]",
          "timestamptz[]"
        }) {
      assertThat(ValueParser.forColumn(ColumnType.parse(type), null)).as(type).isNotNull();
    }
  }
}
