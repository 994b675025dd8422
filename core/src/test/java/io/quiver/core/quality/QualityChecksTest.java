package io.quiver.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QualityChecksTest {
  private static final Field X = new Field("x", ValueType.DOUBLE);

  private static Expectation expect(String check, Double min, Double max) {
    return new Expectation(check, "x", min, max, null, null, null, "error");
  }

  /** The single check's result over one column of values. */
  private static CheckResult check(Expectation e, Field column, Object... values) {
    QualityProfiler profiler = QualityProfiler.of(List.of(e), List.of(column));
    for (Object v : values) {
      profiler.add(new Object[] {v});
    }
    QualityReport report = profiler.report(List.of());
    assertThat(report.checks()).hasSize(1);
    return report.checks().get(0);
  }

  private static CheckResult check(Expectation e, Object... values) {
    return check(e, X, values);
  }

  @Test
  void completenessPassesAtExactlyTheMinimumShare() {
    Object[] nineOfTen = {1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, null};
    CheckResult atMin = check(expect("completeness", 0.9, null), nineOfTen);
    assertThat(atMin.passed()).isTrue();
    assertThat(atMin.observed()).isEqualTo(0.9);
    assertThat(atMin.offendingRows()).isEqualTo(1);

    CheckResult below = check(expect("completeness", 0.91, null), nineOfTen);
    assertThat(below.passed()).isFalse();
    assertThat(below.message()).isEqualTo("completeness of x is 0.9, expected ≥ 0.91");
  }

  @Test
  void completenessWithoutMinimumRequiresNoNulls() {
    assertThat(check(expect("completeness", null, null), 1.0, 2.0).passed()).isTrue();
    assertThat(check(expect("completeness", null, null), 1.0, null).passed()).isFalse();
  }

  @Test
  void emptyBatchPassesColumnChecksVacuouslyAndRowCountCatchesIt() {
    CheckResult completeness = check(expect("completeness", 0.9, null));
    assertThat(completeness.passed()).isTrue();
    assertThat(completeness.observed()).isNull();
    assertThat(completeness.message()).contains("empty batch", "vacuously");
    assertThat(check(expect("min", 0.0, null)).passed()).isTrue();
    assertThat(check(expect("mean", 0.0, 1.0)).observed()).isNull();

    Expectation rowCount = new Expectation("row_count", null, null, null, null, null, 3.0, null);
    QualityReport report =
        QualityProfiler.of(List.of(rowCount), List.of(X)).report(List.of(1000L, 1010L, 990L));
    assertThat(report.rowCount()).isZero();
    assertThat(report.blocking()).isTrue();
  }

  @Test
  void minIsInclusiveAndSkipsNulls() {
    CheckResult atMin = check(expect("min", 18.0, null), 18.0, null, 40.0);
    assertThat(atMin.passed()).isTrue();
    assertThat(atMin.observed()).isEqualTo(18.0);

    CheckResult below = check(expect("min", 18.0, null), 17.5, 17.5, 16.0, null, 40.0);
    assertThat(below.passed()).isFalse();
    assertThat(below.observed()).isEqualTo(16.0);
    assertThat(below.offendingRows()).isEqualTo(3);
    assertThat(below.examples()).containsExactly("17.5", "16.0");
    assertThat(below.message()).isEqualTo("min of x is 16, expected every value ≥ 18 (3 outside)");
  }

  @Test
  void maxIsInclusiveOnIntegerColumns() {
    Field n = new Field("x", ValueType.INT64);
    assertThat(check(expect("max", null, 100.0), n, 1L, 100L).passed()).isTrue();
    CheckResult above = check(expect("max", null, 100.0), n, 1L, 101L);
    assertThat(above.passed()).isFalse();
    assertThat(above.observed()).isEqualTo(101.0);
    assertThat(above.examples()).containsExactly("101");
  }

  @Test
  void minAndMaxTogetherBoundEveryValue() {
    Field n = new Field("x", ValueType.INT32);
    assertThat(check(expect("max", 0.0, 10.0), n, 0, 10).passed()).isTrue();
    assertThat(check(expect("max", 0.0, 10.0), n, -1, 10).passed()).isFalse();
  }

  @Test
  void floatColumnsMeetBoundsWrittenAsDecimals() {
    Field f = new Field("x", ValueType.FLOAT);
    assertThat(check(expect("max", null, 0.1), f, 0.1f).passed()).isTrue();
    assertThat(check(expect("max", null, 0.1), f, Math.nextUp(0.1f)).passed()).isFalse();
  }

  @Test
  void nanIsOutsideEveryRange() {
    CheckResult r = check(expect("min", 0.0, null), 1.0, Double.NaN);
    assertThat(r.passed()).isFalse();
    assertThat(r.observed()).isEqualTo(1.0);
    assertThat(r.examples()).containsExactly("NaN");
  }

  @Test
  void timestampsCompareAsEpochMicros() {
    Field t = new Field("x", ValueType.TIMESTAMP);
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    double startMicros = start.getEpochSecond() * 1_000_000.0;
    Expectation notBefore = expect("min", startMicros, null);
    assertThat(check(notBefore, t, start, start.plusSeconds(5)).passed()).isTrue();
    CheckResult early = check(notBefore, t, start.minusNanos(1_000), null);
    assertThat(early.passed()).isFalse();
    assertThat(early.observed()).isEqualTo(startMicros - 1);
    assertThat(early.message()).contains("2023-12-31T23:59:59.999999Z", "≥ 2024-01-01T00:00:00Z");
  }

  @Test
  void meanIsInclusiveOnBothBounds() {
    assertThat(check(expect("mean", 2.0, 3.0), 1.0, 3.0, null).passed()).isTrue();
    assertThat(check(expect("mean", 1.0, 2.0), 1.0, 3.0).passed()).isTrue();
    CheckResult high = check(expect("mean", 1.0, 1.99), 1.0, 3.0);
    assertThat(high.passed()).isFalse();
    assertThat(high.observed()).isEqualTo(2.0);
    assertThat(check(expect("mean", 2.01, null), 1.0, 3.0).passed()).isFalse();
  }

  @Test
  void uniquenessCountsRepeatsAndSkipsNulls() {
    Field s = new Field("x", ValueType.STRING);
    Expectation unique = expect("uniqueness", null, null);
    assertThat(check(unique, s, "a", "b", null, null).passed()).isTrue();
    CheckResult dup = check(unique, s, "a", "b", "a", "c", "a", "b");
    assertThat(dup.passed()).isFalse();
    assertThat(dup.observed()).isEqualTo(3.0);
    assertThat(dup.offendingRows()).isEqualTo(3);
    assertThat(dup.examples()).containsExactly("a", "b");
  }

  @Test
  void uniquenessComparesBytesByContent() {
    Field b = new Field("x", ValueType.BYTES);
    CheckResult r = check(expect("uniqueness", null, null), b, new byte[] {1}, new byte[] {1});
    assertThat(r.passed()).isFalse();
  }

  @Test
  void allowedValuesReadTheListAsTheColumnType() {
    Field n = new Field("x", ValueType.INT64);
    Expectation e =
        new Expectation("allowed_values", "x", null, null, List.of("1", "2"), null, null, null);
    assertThat(check(e, n, 1L, 2L, null).passed()).isTrue();
    CheckResult r = check(e, n, 1L, 3L, 4L, 3L);
    assertThat(r.passed()).isFalse();
    assertThat(r.observed()).isEqualTo(3.0);
    assertThat(r.examples()).containsExactly("3", "4");
  }

  @Test
  void patternMustMatchTheWholeValue() {
    Field s = new Field("x", ValueType.STRING);
    Expectation e = new Expectation("pattern", "x", null, null, null, "[a-z]+", null, "warn");
    assertThat(check(e, s, "abc", null).passed()).isTrue();
    CheckResult partial = check(e, s, "abc", "abc1", "1abc");
    assertThat(partial.passed()).isFalse();
    assertThat(partial.examples()).containsExactly("abc1", "1abc");
  }

  @Test
  void rowCountWithinStddevsOfHistoryIsInclusive() {
    Expectation e = new Expectation("row_count", null, null, null, null, null, 1.0, "error");
    List<Long> history = List.of(90L, 100L, 110L); // mean 100, sample sd 10
    assertThat(rowCount(e, 110, history).passed()).isTrue();
    assertThat(rowCount(e, 90, history).passed()).isTrue();
    CheckResult high = rowCount(e, 111, history);
    assertThat(high.passed()).isFalse();
    assertThat(high.observed()).isEqualTo(111.0);
    assertThat(high.expected()).isEqualTo("in [90, 110]");
    assertThat(rowCount(e, 89, history).passed()).isFalse();
  }

  @Test
  void rowCountPassesWithANoteUntilThreeRunsExist() {
    Expectation e = new Expectation("row_count", null, null, null, null, null, 1.0, "error");
    CheckResult r = rowCount(e, 5, List.of(1000L, 1000L));
    assertThat(r.passed()).isTrue();
    assertThat(r.message()).contains("only 2 past runs");
    assertThat(rowCount(e, 5, List.of(1000L, 1000L, 1000L)).passed()).isFalse();
    assertThat(rowCount(e, 1000, List.of(1000L, 1000L, 1000L)).passed()).isTrue();
  }

  private static CheckResult rowCount(Expectation e, int rows, List<Long> history) {
    QualityProfiler profiler = QualityProfiler.of(List.of(e), List.of(X));
    for (int i = 0; i < rows; i++) {
      profiler.add(new Object[] {1.0});
    }
    return profiler.report(history).checks().get(0);
  }

  @Test
  void onlyFailedErrorChecksBlock() {
    Field s = new Field("x", ValueType.STRING);
    Expectation warn = new Expectation("pattern", "x", null, null, null, "[a-z]+", null, "warn");
    Expectation error = new Expectation("completeness", "x", 1.0, null, null, null, null, null);
    QualityProfiler profiler = QualityProfiler.of(List.of(warn, error), List.of(s));
    profiler.add(new Object[] {"A"});
    QualityReport warned = profiler.report(List.of());
    assertThat(warned.failures()).extracting(CheckResult::check).containsExactly("pattern");
    assertThat(warned.blocking()).isFalse();

    profiler.add(new Object[] {null});
    QualityReport blocked = profiler.report(List.of());
    assertThat(blocked.blocking()).isTrue();
    assertThat(blocked.checks()).extracting(CheckResult::severity).containsExactly("warn", "error");
    assertThat(blocked.summary()).startsWith("2 of 2 checks failed (1 blocking)");
  }

  @Test
  void rowsReadByNameGiveTheSameReport() {
    List<Field> columns = List.of(new Field("a", ValueType.STRING), X);
    List<Expectation> es = List.of(expect("min", 0.0, null), expect("completeness", 1.0, null));
    QualityProfiler byIndex = QualityProfiler.of(es, columns);
    QualityProfiler byName = QualityProfiler.of(es, columns);
    for (Object[] row : List.of(new Object[] {"p", -1.0}, new Object[] {"q", null})) {
      byIndex.add(row);
      Map<String, Object> named = new HashMap<>();
      named.put("a", row[0]);
      named.put("x", row[1]);
      byName.add(named::get);
    }
    assertThat(byName.report(List.of())).isEqualTo(byIndex.report(List.of()));
    assertThat(byIndex.report(List.of()).failures()).hasSize(2);
  }

  @Test
  void rejectsExpectationsTheBatchCannotAnswer() {
    List<Field> columns = List.of(new Field("name", ValueType.STRING));
    Expectation missing =
        new Expectation("completeness", "gone", 1.0, null, null, null, null, null);
    assertThatThrownBy(() -> QualityProfiler.of(List.of(missing), columns))
        .hasMessageContaining("expectations[0]")
        .hasMessageContaining("gone");
    Expectation minOfText = new Expectation("min", "name", 1.0, null, null, null, null, null);
    assertThatThrownBy(() -> QualityProfiler.of(List.of(minOfText), columns))
        .hasMessageContaining("expectations[0] (min)")
        .hasMessageContaining("name of type STRING");
    Expectation badValue =
        new Expectation("allowed_values", "n", null, null, List.of("x"), null, null, null);
    assertThatThrownBy(
            () -> QualityProfiler.of(List.of(badValue), List.of(new Field("n", ValueType.INT64))))
        .hasMessageContaining("expectations[0] (allowed_values)");
  }

  @Test
  void rejectsRowsOfTheWrongWidthOrType() {
    QualityProfiler profiler = QualityProfiler.of(List.of(expect("min", 0.0, null)), List.of(X));
    assertThatThrownBy(() -> profiler.add(new Object[] {1.0, 2.0}))
        .hasMessageContaining("2 values");
    assertThatThrownBy(() -> profiler.add(new Object[] {"1"}))
        .hasMessageContaining("column x is DOUBLE");
  }
}
