package io.quiver.core.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch added by column must get exactly the report its rows get added one by one: the row path
 * is the oracle, and the reports are compared whole (observed values bit for bit, examples, counts,
 * messages). Seeded random batches draw from small pools so that repeats, bounds met exactly, NaN,
 * ±0.0, infinities, extremes of the long range and instants before 1970 all occur.
 */
class QualityProfilerColumnsTest {
  private static final List<Field> COLUMNS =
      List.of(
          new Field("id", ValueType.INT64),
          new Field("n", ValueType.INT32),
          new Field("d", ValueType.DOUBLE),
          new Field("f", ValueType.FLOAT),
          new Field("s", ValueType.STRING),
          new Field("b", ValueType.BOOL),
          new Field("t", ValueType.TIMESTAMP),
          new Field("bytes", ValueType.BYTES),
          new Field("tags", ValueType.STRING_LIST));
  private static final List<Object> LONGS =
      List.of(
          0L,
          -1L,
          5L,
          Long.MIN_VALUE,
          Long.MAX_VALUE,
          (1L << 53) + 1, // not a double
          (1L << 24) + 1); // a double, not a float
  private static final List<Object> INTS = List.of(0, -1, 3, 7, -40, Integer.MAX_VALUE);
  private static final List<Object> DOUBLES =
      List.of(
          0.0,
          -0.0,
          Double.NaN,
          Double.longBitsToDouble(0x7ff8_0000_0000_0001L), // a NaN of another bit pattern
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          -2.5,
          1.5,
          0.1,
          1e300,
          -Double.MIN_VALUE);
  private static final List<Object> FLOATS =
      List.of(0f, -0f, Float.NaN, 0.1f, -1.5f, 3f, Float.MAX_VALUE, Float.NEGATIVE_INFINITY);
  private static final List<Object> WORDS = List.of("a", "b", "ab", "B", "abc", "a1", "");
  private static final List<Object> TIMES =
      List.of(
          micros(0),
          micros(-1), // 1969-12-31T23:59:59.999999Z
          micros(-1_500_000),
          micros(1_700_000_000_000_001L),
          micros(1_700_000_000_000_000L),
          micros(-2_208_988_800_000_000L)); // 1900
  private static final List<String> PATTERNS = List.of("[a-z]+", "a.*", "[a-z]*", "b");

  static IntStream seeds() {
    return IntStream.range(0, 400);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void reportsWhatTheRowPathReports(int seed) {
    Random random = new Random(seed);
    List<Object[]> rows = rows(random);
    List<Expectation> expectations = new ArrayList<>();
    for (int i = random.nextInt(20); i >= 0; i--) {
      expectations.add(expectation(random, rows));
    }
    List<Long> history = List.of(100L, 120L, (long) random.nextInt(200));
    QualityProfiler byRow = QualityProfiler.of(expectations, COLUMNS);
    rows.forEach(byRow::add);
    QualityProfiler byColumn = QualityProfiler.of(expectations, COLUMNS);
    addInChunks(random, byColumn, rows);

    assertThat(byColumn.rowCount()).as("seed %d", seed).isEqualTo(rows.size());
    assertThat(byColumn.report(history))
        .as("seed %d, %s", seed, expectations)
        .isEqualTo(byRow.report(history));
  }

  /** Consecutive chunks, most by column, some by row: a profiler may take a batch in parts. */
  private static void addInChunks(Random random, QualityProfiler profiler, List<Object[]> rows) {
    int from = 0;
    while (from < rows.size() || random.nextInt(4) == 0) {
      int to = Math.min(rows.size(), from + random.nextInt(rows.size() + 1));
      List<Object[]> chunk = rows.subList(from, to);
      if (random.nextInt(5) == 0) {
        chunk.forEach(profiler::add);
      } else {
        profiler.addColumns(chunk.size(), columns(random, COLUMNS, chunk));
      }
      from = to;
    }
  }

  @Test
  void keepsUnboxedOffendersAsARowHoldsThem() {
    List<Field> columns =
        List.of(
            new Field("d", ValueType.DOUBLE),
            new Field("id", ValueType.INT64),
            new Field("t", ValueType.TIMESTAMP));
    List<Expectation> expectations =
        List.of(
            new Expectation("min", "d", 0.0, null, null, null, null, "error"),
            new Expectation("max", "id", null, 0.0, null, null, null, "error"),
            new Expectation("max", "t", null, 0.0, null, null, null, "error"),
            new Expectation("completeness", "t", 0.5, null, null, null, null, "error"));
    List<Object[]> rows =
        List.of(
            new Object[] {-0.0, 3L, micros(1)},
            new Object[] {Double.NaN, null, micros(-1)},
            new Object[] {-1.0, -3L, null});
    QualityProfiler profiler = QualityProfiler.of(expectations, columns);
    profiler.addColumns(rows.size(), columns(new Random(1), columns, rows));
    List<CheckResult> checks = profiler.report(List.of()).checks();

    assertThat(checks.get(0).examples()).containsExactly("NaN", "-1.0");
    assertThat(checks.get(0).observed()).isEqualTo(-1.0);
    assertThat(checks.get(1).examples()).containsExactly("3");
    assertThat(checks.get(2).examples()).containsExactly("1970-01-01T00:00:00.000001Z");
    assertThat(checks.get(2).message()).startsWith("max of t is 1970-01-01T00:00:00.000001Z");
    assertThat(checks.get(3).observed()).isEqualTo(2.0 / 3);
  }

  /** Every order of ±0.0, NaN and null: which zero a check sees first decides what it shows. */
  @Test
  void seesSignedZerosAndNaNsInTheRowPathsOrder() {
    List<Field> columns = List.of(new Field("d", ValueType.DOUBLE));
    List<Expectation> expectations = new ArrayList<>();
    for (String check : List.of("min", "max", "mean")) {
      expectations.add(new Expectation(check, "d", 0.0, null, null, null, null, "error"));
      expectations.add(new Expectation(check, "d", null, -0.0, null, null, null, "warn"));
    }
    expectations.add(new Expectation("uniqueness", "d", null, null, null, null, null, null));
    expectations.add(
        new Expectation("allowed_values", "d", null, null, List.of("-0.0"), null, null, null));
    List<Object> values = Arrays.asList(0.0, -0.0, Double.NaN, null);
    for (List<Object> order : permutations(values)) {
      List<Object[]> rows = order.stream().map(v -> new Object[] {v}).toList();
      QualityProfiler byRow = QualityProfiler.of(expectations, columns);
      rows.forEach(byRow::add);
      QualityProfiler byColumn = QualityProfiler.of(expectations, columns);
      byColumn.addColumns(rows.size(), columns(new Random(1), columns, rows));
      assertThat(byColumn.report(List.of())).as("%s", order).isEqualTo(byRow.report(List.of()));
    }
  }

  private static List<List<Object>> permutations(List<Object> values) {
    if (values.isEmpty()) {
      return List.of(List.of());
    }
    List<List<Object>> all = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      List<Object> rest = new ArrayList<>(values);
      Object first = rest.remove(i);
      for (List<Object> tail : permutations(rest)) {
        List<Object> order = new ArrayList<>();
        order.add(first);
        order.addAll(tail);
        all.add(order);
      }
    }
    return all;
  }

  @Test
  void rejectsColumnsThatAreNotTheBatchs() {
    QualityProfiler profiler =
        QualityProfiler.of(
            List.of(new Expectation("completeness", "id", null, null, null, null, null, null)),
            COLUMNS);
    List<ColumnValues> one =
        columns(new Random(1), COLUMNS.subList(0, 1), List.<Object[]>of(new Object[] {1L}));
    assertThatThrownBy(() -> profiler.addColumns(1, one))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 columns", "9 columns");
  }

  private static Instant micros(long micros) {
    return EpochMicros.toInstant(micros);
  }

  private static List<Object[]> rows(Random random) {
    int n = random.nextInt(8) == 0 ? random.nextInt(3) : random.nextInt(300);
    double nullRate = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 0.4;
    // some batches with no NaN or infinity, so that a mean or an extreme is a number
    double special = new double[] {0, 0.03, 0.5}[random.nextInt(3)];
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object[] row = new Object[COLUMNS.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] =
            random.nextDouble() < nullRate ? null : value(random, COLUMNS.get(c).type(), special);
      }
      rows.add(row);
    }
    return rows;
  }

  /** A value of {@code type}, from the pool of edge cases with probability {@code special}. */
  private static Object value(Random random, ValueType type, double special) {
    boolean edge = random.nextDouble() < special;
    return switch (type) {
      case INT64 ->
          edge ? pick(random, LONGS) : random.nextInt(1 << 26) * (random.nextBoolean() ? 1 : -1L);
      case INT32 -> edge ? pick(random, INTS) : random.nextInt(21) - 10;
      case DOUBLE -> edge ? pick(random, DOUBLES) : random.nextInt(200) / 10.0 - 9.9;
      case FLOAT -> edge ? pick(random, FLOATS) : random.nextInt(200) / 10f - 10;
      case STRING -> pick(random, WORDS);
      case BOOL -> random.nextBoolean();
      case TIMESTAMP ->
          edge || random.nextBoolean()
              ? pick(random, TIMES)
              : micros(random.nextLong() % 4_000_000_000_000_000L);
      case BYTES -> new byte[] {(byte) random.nextInt(3)};
      case STRING_LIST -> List.of("a", String.valueOf(random.nextInt(3)));
      default -> throw new IllegalArgumentException(type.toString());
    };
  }

  private static Object pick(Random random, List<Object> pool) {
    return pool.get(random.nextInt(pool.size()));
  }

  private static Expectation expectation(Random random, List<Object[]> rows) {
    String severity = random.nextBoolean() ? "error" : "warn";
    int c = random.nextInt(COLUMNS.size());
    Field column = COLUMNS.get(c);
    ValueType type = column.type();
    boolean numeric = type.isNumeric();
    boolean scalar = !type.isList() && type != ValueType.BYTES;
    return switch (random.nextInt(8)) {
      case 0 ->
          new Expectation(
              "completeness", column.name(), share(random), null, null, null, null, severity);
      case 1 ->
          new Expectation("uniqueness", column.name(), null, null, null, null, null, severity);
      case 2, 3 ->
          numeric || type == ValueType.TIMESTAMP
              ? bounded(random, random.nextBoolean() ? "min" : "max", rows, c, severity)
              : expectation(random, rows);
      case 4 -> numeric ? bounded(random, "mean", rows, c, severity) : expectation(random, rows);
      case 5 -> scalar ? allowed(random, rows, c, severity) : expectation(random, rows);
      case 6 -> {
        String pattern = PATTERNS.get(random.nextInt(PATTERNS.size()));
        yield new Expectation("pattern", "s", null, null, null, pattern, null, severity);
      }
      default -> new Expectation("row_count", null, null, null, null, null, 1.5, severity);
    };
  }

  private static Double share(Random random) {
    return random.nextInt(4) == 0 ? null : random.nextInt(11) / 10.0;
  }

  /** min, max or mean with a lower bound, an upper one or both, often a value of the column. */
  private static Expectation bounded(
      Random random, String check, List<Object[]> rows, int c, String severity) {
    Double lo = random.nextBoolean() ? bound(random, rows, c) : null;
    Double hi = lo == null || random.nextBoolean() ? bound(random, rows, c) : null;
    return new Expectation(check, COLUMNS.get(c).name(), lo, hi, null, null, null, severity);
  }

  private static double bound(Random random, List<Object[]> rows, int c) {
    Object v = rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()))[c];
    if (v instanceof Instant t) {
      return EpochMicros.of(t);
    }
    if (v instanceof Number x && random.nextInt(4) > 0) {
      return x.doubleValue(); // NaN too: no value then meets the bound
    }
    return random.nextInt(100) - 50 + (random.nextBoolean() ? 0.1 : 0);
  }

  /** A few of the column's own values as text, the way a view lists them. */
  private static Expectation allowed(Random random, List<Object[]> rows, int c, String severity) {
    List<String> values = new ArrayList<>();
    for (int i = random.nextInt(4); i >= 0 && !rows.isEmpty(); i--) {
      Object v = rows.get(random.nextInt(rows.size()))[c];
      if (v != null) {
        values.add(v.toString());
      }
    }
    return new Expectation(
        "allowed_values", COLUMNS.get(c).name(), null, null, values, null, null, severity);
  }

  /**
   * The rows held by column as a columnar reader holds them: INT64 and TIMESTAMP (in epoch
   * microseconds) in a long[], DOUBLE in a double[], nulls in a mask over garbage that the profiler
   * must not read.
   */
  private static List<ColumnValues> columns(
      Random random, List<Field> fields, List<Object[]> rows) {
    List<ColumnValues> columns = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      columns.add(Column.of(random, fields.get(c).type(), rows, c));
    }
    return columns;
  }

  private record Column(boolean[] nulls, long[] longs, double[] doubles, Object[] values)
      implements ColumnValues {

    static Column of(Random random, ValueType type, List<Object[]> rows, int c) {
      int n = rows.size();
      boolean[] nulls = new boolean[n];
      long[] longs = type == ValueType.INT64 || type == ValueType.TIMESTAMP ? new long[n] : null;
      double[] doubles = type == ValueType.DOUBLE ? new double[n] : null;
      Object[] values = longs == null && doubles == null ? new Object[n] : null;
      for (int r = 0; r < n; r++) {
        Object v = rows.get(r)[c];
        nulls[r] = v == null;
        if (longs != null) {
          longs[r] = v instanceof Instant t ? EpochMicros.of(t) : v == null ? 7 : (Long) v;
        } else if (doubles != null) {
          doubles[r] = v == null ? random.nextInt(3) - 1 : (Double) v;
        } else {
          values[r] = v == null ? "garbage" : v;
        }
      }
      return new Column(nulls, longs, doubles, values);
    }

    @Override
    public boolean isNull(int row) {
      return nulls[row];
    }

    @Override
    public long longAt(int row) {
      return longs[row];
    }

    @Override
    public double doubleAt(int row) {
      return doubles[row];
    }

    @Override
    public Object valueAt(int row) {
      return values[row];
    }
  }
}
