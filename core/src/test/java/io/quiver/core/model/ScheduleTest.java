package io.quiver.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleTest {

  @Test
  void everyIsAnIntervalWithoutCron() {
    Schedule s = Schedule.parse(" every 15m ");
    assertThat(s.interval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.cron()).isNull();
    assertThat(s.text()).isEqualTo("every 15m");
  }

  @Test
  void hourlyAndDailyAreIntervalsWithQuartzCrons() {
    assertThat(Schedule.parse("@hourly"))
        .isEqualTo(new Schedule("@hourly", Duration.ofHours(1), "0 0 * * * ?"));
    assertThat(Schedule.parse("@daily"))
        .isEqualTo(new Schedule("@daily", Duration.ofDays(1), "0 0 0 * * ?"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 * * * *        | 0 0 * * * ?",
        "30 */2 * * *     | 0 30 */2 * * ?",
        "15 3 1 * *       | 0 15 3 1 * ?",
        "0 9 ? * *        | 0 0 9 * * ?",
        "0 9 * * 1-5      | 0 0 9 ? * 2-6",
        "0 9 * * 0        | 0 0 9 ? * 1",
        "0 9 * * 7        | 0 0 9 ? * 1",
        "0 9 * * 0,3,6    | 0 0 9 ? * 1,4,7",
        "0 9 * * 5-7      | 0 0 9 ? * 6-7,1",
        "0 9 * * 0-7      | 0 0 9 ? * 1-7",
        "0 9 * * */2      | 0 0 9 ? * */2",
        "0 9 * * MON-FRI  | 0 0 9 ? * MON-FRI",
        "0 12 L * *       | 0 0 12 L * ?",
      })
  void fiveFieldUnixCronBecomesQuartz(String unix, String quartz) {
    Schedule s = Schedule.parse(unix);
    assertThat(s.cron()).isEqualTo(quartz);
    assertThat(s.interval()).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "0 0 * * * ?      | 0 0 * * * ?",
        "0 0 * * * *      | 0 0 * * * ?",
        "10 0 6 ? * 2     | 10 0 6 ? * 2",
        "10 0 6 15 * *    | 10 0 6 15 * ?",
        "0 0 6 * * MON    | 0 0 6 ? * MON",
      })
  void sixFieldCronIsQuartzWithOneQuestionMark(String six, String quartz) {
    assertThat(Schedule.parse(six).cron()).isEqualTo(quartz);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "hourly",
        "every",
        "every 0m",
        "every 5x",
        "* * * *",
        "* * * * * * *",
        "0 9 * * 8",
        "0 9 * * 1-9",
        "0 9 1 * 1",
        "0 0 9 1 * MON",
        "0 9 * * $"
      })
  void rejectsBadInput(String text) {
    assertThatThrownBy(() -> Schedule.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("null");
  }

  @Test
  void rejectsNull() {
    assertThatThrownBy(() -> Schedule.parse(null)).hasMessageContaining("required");
  }

  @Test
  void errorNamesTheBadField() {
    assertThatThrownBy(() -> Schedule.parse("0 9 * * $")).hasMessageContaining("'$'");
    assertThatThrownBy(() -> Schedule.parse("0 9 * * 8")).hasMessageContaining("'8'");
    assertThatThrownBy(() -> Schedule.parse("0 9 1 * 1"))
        .hasMessageContaining("day-of-month and day-of-week");
  }
}
