package io.datamapper.format.excel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Random;
import org.apache.poi.ss.usermodel.DateUtil;
import org.junit.jupiter.api.Test;

/** The quick date text is POI's date arithmetic to the millisecond, formatted as before. */
class ExcelDatesTest {

  /** What CellText gave before the quick path: POI's LocalDateTime, formatted by String.format. */
  private static String viaPoi(double value, boolean date1904, CellText.Shape shape) {
    LocalDateTime t = DateUtil.getLocalDateTime(value, date1904, false);
    String time =
        String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
    int millis = t.getNano() / 1_000_000;
    if (millis != 0) time += String.format(Locale.ROOT, ".%03d", millis);
    if (shape == CellText.Shape.TIME && value < 1) return time;
    if (shape == CellText.Shape.DATE_TIME) return t.toLocalDate() + " " + time;
    return t.toLocalTime().toSecondOfDay() == 0 && millis == 0
        ? t.toLocalDate().toString()
        : t.toLocalDate() + " " + time;
  }

  @Test
  void serial_dates_read_as_poi_reads_them_in_both_date_systems_and_every_shape() {
    Random random = new Random(18);
    int quick = 0;
    for (int i = 0; i < 100_000; i++) {
      double value =
          switch (i % 6) {
            case 0 -> random.nextInt(2_958_465); // whole days
            case 1 -> random.nextInt(100_000) + random.nextInt(86_400) / 86_400.0; // seconds
            case 2 -> random.nextInt(50_000) + random.nextInt(86_400_000) / 86_400_000.0; // millis
            case 3 -> random.nextDouble(); // a time alone
            case 4 -> random.nextInt(70) + random.nextDouble(); // around the 1900 leap-day bug
            default -> random.nextDouble() * 2_958_465;
          };
      boolean date1904 = i % 7 == 0;
      for (CellText.Shape shape :
          new CellText.Shape[] {
            CellText.Shape.DATE, CellText.Shape.DATE_TIME, CellText.Shape.TIME
          }) {
        String fast = ExcelDates.text(value, date1904, shape);
        if (fast == null) continue;
        quick++;
        assertThat(fast)
            .as("%s %s 1904=%s", value, shape, date1904)
            .isEqualTo(viaPoi(value, date1904, shape));
      }
    }
    assertThat(quick).as("values the quick path answered").isGreaterThan(280_000);
  }

  @Test
  void a_number_formatted_as_a_date_reads_the_same_through_cell_text() {
    CellText text = new CellText(false);
    assertThat(text.number(45_322, 14, "m/d/yy")).isEqualTo("2024-01-31");
    assertThat(text.number(45_322.5, 22, "m/d/yy h:mm")).isEqualTo("2024-01-31 12:00:00");
    assertThat(text.number(0.25, 20, "h:mm")).isEqualTo("06:00:00");
    assertThat(text.number(60, 14, "m/d/yy")).isEqualTo(viaPoi(60, false, CellText.Shape.DATE));
  }
}
