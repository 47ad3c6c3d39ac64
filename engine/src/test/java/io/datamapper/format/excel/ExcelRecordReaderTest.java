package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datamapper.format.BadFileException;
import io.datamapper.format.RawRecord;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reads real workbooks written by LibreOffice, Excel and R packages (see
 * resources/excel/README.md).
 */
class ExcelRecordReaderTest {

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-features.xlsx", "libreoffice-features.xls"})
  void skips_the_hidden_first_sheet_and_the_title_row_and_names_merged_and_empty_header_cells(
      String file) throws IOException {
    Workbooks.Read read = Workbooks.read(file);

    assertThat(read.fields())
        .containsExactly(
            "Order",
            "Code",
            "Customer",
            "Customer 2",
            "Ordered on",
            "Shipped at",
            "Cutoff",
            "Amount",
            "Paid",
            "Double",
            "Ratio",
            "Zip",
            "column_13",
            "Label");
  }

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-features.xlsx", "libreoffice-features.xls"})
  void turns_cells_into_text_by_the_value_rules(String file) throws IOException {
    Workbooks.Read read = Workbooks.read(file);

    // the empty row 6 and the styled-but-empty rows 8-10 are not records
    assertThat(read.records()).extracting(RawRecord::number).containsExactly(1L, 2L, 3L, 4L);
    assertThat(read.records()).extracting(RawRecord::line).containsExactly(3L, 4L, 5L, 7L);
    assertThat(read.column("Order")).containsExactly("1", "2", "3", "4");
    assertThat(read.column("Code")).containsExactly("00123", "0042", null, "7");
    assertThat(read.column("Customer"))
        .containsExactly("Ada", "  Bob  ", "Chloé « Ünïcode » 東京", "Dee");
    assertThat(read.column("Customer 2")).containsExactly("Lovelace", null, null, null);
    assertThat(read.column("Ordered on")).containsExactly("2024-01-31", "1999-12-31", null, null);
    assertThat(read.column("Shipped at"))
        .containsExactly("2024-01-31 13:45:00", "2000-02-29 00:00:01.500", null, null);
    assertThat(read.column("Cutoff")).containsExactly("13:45:00", "00:00:00", null, null);
    assertThat(read.column("Amount"))
        .containsExactly("1234.5", "0.1", "-100000000000000000000", "3.5");
    // cached formula results, never evaluated; errors as their text
    assertThat(read.column("Double")).containsExactly("2469", "0.2", "#N/A", null);
    assertThat(read.column("Ratio")).containsExactly("1234.5", "#DIV/0!", "#VALUE!", null);
    // a number shown with format 00000 keeps its leading zero
    assertThat(read.column("Zip")).containsExactly("02134", "98101", null, null);
    assertThat(read.column("column_13")).containsOnlyNulls();
    assertThat(read.raw().get(3)).isEqualTo("4,7,Dee,,,,,3.5,,,,,,");
  }

  @Test
  void reads_the_cached_text_of_a_string_formula_in_xlsx() throws IOException {
    // LibreOffice's xls export stores these results as the number 0, so only the xlsx is checked
    assertThat(Workbooks.read("libreoffice-features.xlsx").column("Label"))
        .containsExactly("#1", "#2", "#3", null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"libreoffice-1904.xlsx", "libreoffice-1904.xls"})
  void reads_dates_of_the_1904_date_system(String file) throws IOException {
    Workbooks.Read read = Workbooks.read(file);

    // "serial" holds the number stored for "day": 43860 days after 1904-01-01 is 2024-01-31
    assertThat(read.fields()).containsExactly("event", "day", "at", "serial");
    assertThat(read.column("day")).containsExactly("2024-01-31", "1904-01-02");
    // a date-time format keeps its time at midnight, so the column reads as one type
    assertThat(read.column("at")).containsExactly("2024-01-31 13:45:00", "1970-01-01 00:00:00");
    assertThat(read.column("serial")).containsExactly("43860", "1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deaths.xlsx", "deaths.xls"})
  void finds_the_header_below_the_notes_of_an_excel_sheet_and_reads_its_dates_and_booleans(
      String file) throws IOException {
    Workbooks.Read read = Workbooks.read(file);

    assertThat(read.fields())
        .containsExactly("Name", "Profession", "Age", "Has kids", "Date of birth", "Date of death");
    // ten people, then four rows of notes at the bottom
    assertThat(read.records()).hasSize(14);
    assertThat(read.records().get(0).line()).isEqualTo(6);
    assertThat(read.records().get(0).values())
        .containsExactly("David Bowie", "musician", "69", "true", "1947-01-08", "2016-01-10");
    assertThat(read.records().get(9).values())
        .containsExactly("George Michael", "musician", "53", "false", "1963-06-25", "2016-12-25");
    assertThat(read.column("Name").subList(10, 14)).containsExactly("Some", null, null, null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"deaths.xlsx", "deaths.xls"})
  void takes_the_header_row_and_rows_to_skip_when_given(String file) throws IOException {
    Workbooks.Read read = Workbooks.read(Workbooks.file(file), "arts", 5, 2);

    assertThat(read.fields()).startsWith("Name", "Profession");
    assertThat(read.records()).hasSize(12);
    assertThat(read.records().get(0).number()).isEqualTo(1);
    assertThat(read.records().get(0).line()).isEqualTo(8);
    assertThat(read.records().get(0).values()[0]).isEqualTo("Chuck Berry");
  }

  @ParameterizedTest
  @ValueSource(strings = {"deaths.xlsx", "deaths.xls"})
  void picks_a_sheet_by_name_or_by_index(String file) throws IOException {
    Workbooks.Read byName = Workbooks.read(file, "other");
    Workbooks.Read byIndex = Workbooks.read(file, "2");

    assertThat(byName.fields()).isEqualTo(byIndex.fields()).startsWith("Name", "Profession");
    assertThat(byName.column("Name"))
        .isEqualTo(byIndex.column("Name"))
        .contains("Vera Rubin", "John Glenn");
  }

  @ParameterizedTest
  @ValueSource(strings = {"datasets.xlsx", "datasets.xls"})
  void reads_every_row_of_larger_sheets(String file) throws IOException {
    assertThat(Workbooks.read(file).records()).hasSize(150);
    assertThat(Workbooks.read(file, "mtcars").records()).hasSize(32);
    assertThat(Workbooks.read(file, "chickwts").records()).hasSize(71);
    Workbooks.Read quakes = Workbooks.read(file, "4");
    assertThat(quakes.fields()).containsExactly("lat", "long", "depth", "mag", "stations");
    assertThat(quakes.records()).hasSize(1000);
    // datasets.xlsx stores " 41" for this number; Excel reads it as 41, and so do we
    assertThat(quakes.records().get(0).values())
        .containsExactly("-20.42", "181.62", "562", "4.8", "41");
    assertThat(Workbooks.read(file).records().get(0).values())
        .containsExactly("5.1", "3.5", "1.4", "0.2", "setosa");
  }

  @ParameterizedTest
  @ValueSource(strings = {"type-me.xlsx", "type-me.xls"})
  void keeps_booleans_numbers_dates_and_text_apart_as_excel_stored_them(String file)
      throws IOException {
    Workbooks.Read logical = Workbooks.read(file, "logical_coercion");
    assertThat(logical.column("description"))
        .startsWith("empty", "0 (numeric)", "1 (numeric)", "datetime", "boolean true");
    assertThat(logical.column("maybe boolean?"))
        .startsWith(null, "0", "1", "2016-01-01", "true", "false", "cabbage", "true", "F", "False");

    Workbooks.Read numeric = Workbooks.read(file, "numeric_coercion");
    assertThat(numeric.column("maybe numeric?"))
        .startsWith(null, "true", "false", "2014-12-23", "123456", "123456", "cabbage");

    Workbooks.Read dates = Workbooks.read(file, "date_coercion");
    assertThat(dates.column("maybe a datetime?"))
        .startsWith(null, "2016-05-23", "2016-04-28 11:30:00", "true", "cabbage", "4.3");
  }

  @Test
  void honours_the_1904_date_system_of_a_workbook_saved_by_excel_for_mac() throws IOException {
    try (XlsxPackage pkg =
        XlsxPackage.open(
            Workbooks.file("type-me.xlsx"),
            "type-me.xlsx",
            io.datamapper.format.ReadLimits.DEFAULT)) {
      assertThat(pkg.workbook().date1904()).isTrue();
    }
    // stored as 40908 (1904 system); read in the 1900 system it would be 2011-12-31
    assertThat(Workbooks.read("type-me.xlsx", "logical_coercion").value(3, "maybe boolean?"))
        .isEqualTo("2016-01-01");
  }

  @Test
  void names_the_sheets_when_the_one_asked_for_is_missing() {
    assertThatThrownBy(() -> Workbooks.read("libreoffice-features.xlsx", "Invoices"))
        .isInstanceOf(BadFileException.class)
        .hasMessage(
            "libreoffice-features.xlsx has no sheet 'Invoices' (source.excel.sheet); its sheets: 1 'Notes' (hidden), "
                + "2 'Orders', 3 'Second'");
  }

  @Test
  void reads_a_hidden_sheet_when_asked_by_name() throws IOException {
    Workbooks.Read read = Workbooks.read("libreoffice-features.xlsx", "notes");

    assertThat(read.fields()).containsExactly("This sheet is hidden");
    assertThat(read.column("This sheet is hidden")).containsExactly("1");
  }

  @Test
  void keeps_repeated_header_names_and_pads_short_rows_with_null() throws IOException {
    Workbooks.Read read = Workbooks.read("libreoffice-features.xls", "Second");

    assertThat(read.fields()).containsExactly("id", "name", "name");
    assertThat(read.records().get(1).values()).containsExactly("20", "x", null);
  }

  @Test
  void a_header_row_without_values_is_reported() {
    assertThatThrownBy(
            () -> Workbooks.read(Workbooks.file("libreoffice-features.xlsx"), "Orders", 6, null))
        .isInstanceOf(BadFileException.class)
        .hasMessageContaining(
            "sheet 'Orders' has no values in row 6 (source.excel.headerRow); the next row with values is 7");
  }

  @Test
  void column_letters_go_past_z() {
    assertThat(ExcelRecordReader.columnName(0)).isEqualTo("A");
    assertThat(ExcelRecordReader.columnName(25)).isEqualTo("Z");
    assertThat(ExcelRecordReader.columnName(26)).isEqualTo("AA");
    assertThat(ExcelRecordReader.columnName(16383)).isEqualTo("XFD");
  }
}
