package io.datamapper.detect;

import static io.datamapper.detect.Fixtures.column;
import static org.assertj.core.api.Assertions.assertThat;

import io.datamapper.coerce.ValueParser;
import io.datamapper.mapping.ColumnSpec;
import io.datamapper.mapping.ColumnType;
import io.datamapper.mapping.CsvOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Type, format, header and preamble rules on files of the labeled corpus ({@code
 * src/test/resources/detect-corpus}), each a real public file that needs the rule.
 */
class RealWorldRulesTest {
  private static Detection corpus(String file) {
    return Detector.detect(CorpusEvaluation.corpusDir().resolve(file));
  }

  private static ColumnSpec at(Detection d, int position) {
    return d.mapping().columns().get(position - 1);
  }

  @Test
  void month_names_give_mmm_d_yyyy_dates() { // vega-datasets stocks.csv: "Jan 1 2000"
    ColumnSpec date = column(corpus("vega_stocks.csv"), "date");
    assertThat(date.type()).isEqualTo(ColumnType.DATE);
    assertThat(date.format()).isEqualTo("MMM d yyyy");
  }

  @Test
  void dotted_day_first_dates_and_decimal_commas_in_a_german_tab_export() { // CSVQuickViewer
    // DateAndNumber.csv
    Detection d = corpus("csvqv_dateandnumber.csv");
    assertThat(d.mapping().source().csv().delimiter()).isEqualTo('\t');
    assertThat(at(d, 1).type()).isEqualTo(ColumnType.DATE);
    assertThat(at(d, 1).format()).isEqualTo("dd.MM.yyyy");
    assertThat(at(d, 2).type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(at(d, 2).format()).isEqualTo(",");
  }

  @Test
  void one_digit_dotted_dates_get_d_m_yyyy() {
    Detection d =
        Fixtures.detectText(
            "Datum;Betrag\n1.9.2014;3\n12.10.2014;4\n5.11.2014;5\n", "buchungen.csv");
    assertThat(column(d, "datum").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "datum").format()).isEqualTo("d.M.yyyy");
  }

  @Test
  void iso_timestamps_with_offsets_are_timestamptz_and_rfc_822_stays_text() { // csv-detective
    // dates.csv
    Detection d = corpus("csvdetective_dates.csv");
    assertThat(column(d, "date_creation").type()).isEqualTo(ColumnType.DATE);
    assertThat(column(d, "horodatage").type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(column(d, "horodatage_tz").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(column(d, "rfc822").type()).isEqualTo(ColumnType.TEXT);
  }

  @Test
  void year_first_slashed_timestamps_get_their_pattern() { // vega-datasets github.csv: "2015/01/01
    // 01:00:00"
    ColumnSpec time = column(corpus("vega_github.csv"), "time");
    assertThat(time.type()).isEqualTo(ColumnType.TIMESTAMP);
    assertThat(time.format()).isEqualTo("yyyy/MM/dd HH:mm:ss");
    assertThat(
            ValueParser.forColumn(ColumnType.TIMESTAMP, time.format()).parse("2015/01/01 04:00:00"))
        .isNotNull();
  }

  @Test
  void uuids_in_a_headerless_quoted_export_with_null_tokens() { // CSVQuickViewer
    // training_relation.csv
    Detection d = corpus("csvqv_training_relation.csv");
    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(at(d, 1).type()).isEqualTo(ColumnType.UUID);
    assertThat(at(d, 7).type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(d.mapping().source().csv().nullTokens()).contains("NULL");
  }

  @Test
  void json_objects_in_a_quoted_field_are_jsonb() { // data.table issue 1164
    Detection d = corpus("dt_issue_1164_json.txt");
    assertThat(at(d, 1).type()).isEqualTo(ColumnType.JSONB);
  }

  @Test
  void plain_decimals_are_unconstrained_numeric_with_the_precision_they_need_in_a_note() { // plotly
    // tips.csv
    Detection d = corpus("plotly_tips.csv");
    assertThat(column(d, "total_bill").type()).isEqualTo(ColumnType.NUMERIC);
    assertThat(d.notesFor("total_bill"))
        .anySatisfy(
            n -> {
              assertThat(n.message())
                  .contains("numeric(4,2)")
                  .contains("no later value is rounded");
              assertThat(n.evidence()).isNotEmpty();
            });
    assertThat(column(d, "smoker").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "smoker").format()).isEqualTo("yes|no");
  }

  @Test
  void zero_one_columns_stay_bigint_without_a_flag_name_and_say_so() { // statsmodels cpunish.csv:
    // SOUTH
    Detection d = corpus("sm_cpunish.csv");
    assertThat(column(d, "south").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(d.notesFor("south"))
        .anySatisfy(n -> assertThat(n.message()).contains("only 0 and 1"));
  }

  @Test
  void zero_one_columns_with_a_flag_name_are_boolean_that_the_import_reads() {
    Detection d =
        Fixtures.detectText(
            "id,is_paid,deleted_flag,active\n1,1,0,1\n2,0,1,0\n3,1,1,1\n", "invoices.csv");
    assertThat(column(d, "is_paid").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "is_paid").format()).isEqualTo("1|0");
    assertThat(d.notesFor("is_paid"))
        .anySatisfy(n -> assertThat(n.message()).contains("reads as a flag"));
    assertThat(column(d, "deleted_flag").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "active").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(column(d, "id").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(ValueParser.forColumn(ColumnType.BOOLEAN, "1|0").parse("0")).isEqualTo(false);
  }

  @Test
  void
      epoch_seconds_and_milliseconds_under_a_time_like_name_are_proposed_as_timestamptz_with_the_evidence() {
    Detection d =
        Fixtures.detectText(
            "id,created_at,event_ts\n1623767400,1623767400,1623767400000\n"
                + "1623767401,1623771000,1623771000500\n",
            "events.csv");
    assertThat(column(d, "created_at").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(column(d, "created_at").format()).isEqualTo("epoch-seconds");
    assertThat(d.notesFor("created_at"))
        .anySatisfy(
            n ->
                assertThat(n.message()).contains("epoch seconds").contains("2021-06-15T14:30:00Z"));
    assertThat(column(d, "event_ts").format()).isEqualTo("epoch-millis");
    assertThat(d.notesFor("event_ts"))
        .anySatisfy(n -> assertThat(n.message()).contains("epoch milliseconds"));
    assertThat(column(d, "id").type()).isEqualTo(ColumnType.BIGINT);
    assertThat(d.notesFor("id")).noneSatisfy(n -> assertThat(n.message()).contains("epoch"));
  }

  @Test
  void integers_under_a_time_like_name_stay_bigint_when_one_value_is_not_a_plausible_date() {
    Detection d =
        Fixtures.detectText("updated_at,ts\n1623767400,1623767400\n1623767401,123\n", "events.csv");
    assertThat(column(d, "updated_at").type()).isEqualTo(ColumnType.TIMESTAMPTZ);
    assertThat(column(d, "ts").type()).isNotEqualTo(ColumnType.TIMESTAMPTZ);
  }

  @Test
  void year_months_become_dates_read_as_the_first_of_the_month_with_a_note() {
    Detection d =
        Fixtures.detectText("month,sales\n2024-01,10\n2024-02,12\n2024-12,9\n", "monthly.csv");
    ColumnSpec month = column(d, "month");
    assertThat(month.type()).isEqualTo(ColumnType.DATE);
    assertThat(month.format()).isEqualTo("yyyy-MM");
    assertThat(d.notesFor("month"))
        .anySatisfy(
            n -> assertThat(n.message()).contains("years and months").contains("first day"));
  }

  @Test
  void a_count_line_above_the_header_is_skipped() { // scikit-learn boston_house_prices.csv:
    // "506,13,,,,..."
    CsvOptions csv = corpus("sk_boston_house_prices.csv").mapping().source().csv();
    assertThat(csv.skipRows()).isEqualTo(1);
    assertThat(csv.header()).isTrue();
  }

  @Test
  void
      a_report_title_above_a_header_one_field_short_is_skipped_and_the_header_kept() { // data.table
    // SA2-by-DJZ.csv
    Detection d = corpus("dt_SA2-by-DJZ.csv");
    assertThat(d.mapping().source().csv().skipRows()).isEqualTo(10);
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(at(d, 2).source()).isEqualTo("DZN to State/Territory (POW)");
  }

  @Test
  void a_header_without_the_row_name_column_names_the_columns_after_row_names() { // dslabs
    // olive.csv (R row names): the header line names the columns, read by position
    Detection d = corpus("dslabs_olive.csv");
    CsvOptions csv = d.mapping().source().csv();
    assertThat(csv.skipRows()).isEqualTo(1);
    assertThat(csv.header()).isFalse();
    assertThat(d.mapping().columns().get(0).name()).isEqualTo("row_names");
    assertThat(d.mapping().columns().get(2).name()).isEqualTo("region");
  }

  @Test
  void rows_ending_with_a_delimiter_do_not_make_the_header_a_title() { // data.table iterations.txt
    CsvOptions csv = corpus("dt_iterations.txt").mapping().source().csv();
    assertThat(csv.skipRows()).isZero();
    assertThat(csv.header()).isTrue();
  }

  @Test
  void columns_named_by_consecutive_years_make_a_header() { // World Bank fertility via statsmodels
    Detection d = corpus("sm_fertility.csv");
    assertThat(d.mapping().source().csv().header()).isTrue();
    assertThat(column(d, "country_name").type()).isEqualTo(ColumnType.TEXT);
    assertThat(d.notes()).anySatisfy(n -> assertThat(n.message()).contains("consecutive years"));
  }

  @Test
  void a_ragged_row_does_not_spoil_the_types_of_the_other_rows() { // CSVQuickViewer
    // AllFormatsPipe.csv
    Detection d = corpus("csvqv_allformats_pipe.csv");
    assertThat(column(d, "boolean").type()).isEqualTo(ColumnType.BOOLEAN);
    assertThat(column(d, "guid").type()).isEqualTo(ColumnType.UUID);
    assertThat(d.notes())
        .anySatisfy(n -> assertThat(n.message()).contains("different field count"));
  }

  @Test
  void a_first_row_with_a_digits_only_value_is_data_when_the_types_cannot_tell() { // data.table
    // quoted_no_header.csv
    Detection d = corpus("dt_quoted_no_header.csv");
    assertThat(d.mapping().source().csv().header()).isFalse();
    assertThat(at(d, 1).source()).isEqualTo("1");
  }

  @Test
  void leading_zero_codes_stay_text() { // csv-detective: code_departement "01"
    Detection d = corpus("csvdetective_b_test_file.csv");
    assertThat(column(d, "code_departement").type()).isEqualTo(ColumnType.TEXT);
    assertThat(d.notesFor("code_departement"))
        .anySatisfy(n -> assertThat(n.message()).contains("leading zeros"));
  }

  @Test
  void corpus_files_are_where_the_harness_finds_them() {
    assertThat(CorpusEvaluation.corpusDir().resolve("labels.csv")).exists();
    assertThat(Path.of("src/test/resources/detect-corpus/README.md")).exists();
  }
}
