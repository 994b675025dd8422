package io.quiver.core.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random batches and expectations: the one-pass profiler against a brute-force recount over
 * the whole batch that shares no code with the quality package. Thresholds are often drawn from the
 * batch itself so that the inclusive boundaries are hit.
 */
class QualityProfilerOracleTest {
  private static final List<Field> COLUMNS =
      List.of(
          new Field("d", ValueType.DOUBLE),
          new Field("n", ValueType.INT64),
          new Field("s", ValueType.STRING),
          new Field("t", ValueType.TIMESTAMP));
  private static final List<String> WORDS = List.of("a", "b", "ab", "B", "abc", "a1", "");

  /** The brute-force verdict: passed, observed, offending rows. */
  record Verdict(boolean passed, Double observed, long offending) {}

  static IntStream seeds() {
    return IntStream.range(0, 300);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void profilerAgreesWithBruteForce(int seed) {
    Random random = new Random(seed);
    List<Object[]> rows = rows(random);
    List<Long> history = new ArrayList<>();
    for (int i = random.nextInt(6); i > 0; i--) {
      history.add((long) random.nextInt(300));
    }
    List<Expectation> expectations = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      expectations.add(expectation(random, rows));
    }
    QualityProfiler profiler = QualityProfiler.of(expectations, COLUMNS);
    rows.forEach(profiler::add);
    QualityReport report = profiler.report(history);

    assertThat(report.rowCount()).as("seed %d", seed).isEqualTo(rows.size());
    boolean blocking = false;
    for (int i = 0; i < expectations.size(); i++) {
      Expectation e = expectations.get(i);
      Verdict expected = oracle(e, rows, history);
      CheckResult actual = report.checks().get(i);
      String what = "seed " + seed + ", " + e + ", " + actual.message();
      assertThat(new Verdict(actual.passed(), actual.observed(), actual.offendingRows()))
          .as(what)
          .isEqualTo(expected);
      blocking |= !expected.passed() && e.isError();
    }
    assertThat(report.blocking()).as("seed %d", seed).isEqualTo(blocking);
  }

  private static List<Object[]> rows(Random random) {
    int n = random.nextInt(8) == 0 ? random.nextInt(3) : random.nextInt(200);
    double nullRate = random.nextDouble() * 0.3;
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Object d = random.nextInt(100) == 0 ? Double.NaN : (double) (random.nextInt(200) - 100) / 4;
      Object num = (long) random.nextInt(n + 1);
      Object s = WORDS.get(random.nextInt(WORDS.size()));
      Object t =
          Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1000), 1_000L * random.nextInt(3));
      Object[] row = {d, num, s, t};
      for (int c = 0; c < row.length; c++) {
        if (random.nextDouble() < nullRate) {
          row[c] = null;
        }
      }
      rows.add(row);
    }
    return rows;
  }

  private static Expectation expectation(Random random, List<Object[]> rows) {
    String severity = random.nextBoolean() ? "error" : "warn";
    int c = random.nextInt(COLUMNS.size());
    String column = COLUMNS.get(c).name();
    String check =
        switch (random.nextInt(8)) {
          case 0 -> "completeness";
          case 1 -> "uniqueness";
          case 2 -> "min";
          case 3 -> "max";
          case 4 -> "mean";
          case 5 -> "allowed_values";
          case 6 -> "pattern";
          default -> "row_count";
        };
    return switch (check) {
      case "completeness" ->
          new Expectation(
              check, column, completeness(random, rows, c), null, null, null, null, severity);
      case "uniqueness" -> new Expectation(check, column, null, null, null, null, null, severity);
      case "min", "max", "mean" -> {
        int numeric = check.equals("mean") ? random.nextInt(2) : c == 2 ? 3 : c;
        Double lo = random.nextBoolean() ? bound(random, rows, numeric) : null;
        Double hi = lo == null || random.nextBoolean() ? bound(random, rows, numeric) : null;
        if (check.equals("min") && lo == null) {
          lo = hi;
          hi = null;
        }
        yield new Expectation(
            check, COLUMNS.get(numeric).name(), lo, hi, null, null, null, severity);
      }
      case "allowed_values" -> {
        List<String> allowed = new ArrayList<>();
        for (int i = random.nextInt(4); i >= 0; i--) {
          allowed.add(
              c == 1
                  ? Integer.toString(random.nextInt(10))
                  : WORDS.get(random.nextInt(WORDS.size())));
        }
        yield new Expectation(check, c == 1 ? "n" : "s", null, null, allowed, null, null, severity);
      }
      case "pattern" -> {
        String pattern = List.of("[a-z]+", "a.*", "[a-z]*", "b").get(random.nextInt(4));
        yield new Expectation(check, "s", null, null, null, pattern, null, severity);
      }
      default ->
          new Expectation(check, null, null, null, null, null, random.nextInt(4) + 0.5, severity);
    };
  }

  /** Often exactly the batch's share of non-nulls, so that ≥ is tested at equality. */
  private static double completeness(Random random, List<Object[]> rows, int c) {
    long nonNull = rows.stream().filter(r -> r[c] != null).count();
    if (rows.isEmpty() || random.nextBoolean()) {
      return random.nextInt(11) / 10.0;
    }
    return (double) nonNull / rows.size();
  }

  /** A bound that is often one of the column's own values. */
  private static double bound(Random random, List<Object[]> rows, int c) {
    List<Double> values = new ArrayList<>();
    for (Object[] r : rows) {
      Object v = r[c];
      if (v instanceof Instant t) {
        values.add(t.getEpochSecond() * 1e6 + t.getNano() / 1000);
      } else if (v instanceof Number x && !Double.isNaN(x.doubleValue())) {
        values.add(x.doubleValue());
      }
    }
    if (values.isEmpty() || random.nextInt(4) == 0) {
      return c == 3 ? 1_700_000_500e6 : random.nextInt(100) - 50;
    }
    return values.get(random.nextInt(values.size()));
  }

  private static Verdict oracle(Expectation e, List<Object[]> rows, List<Long> history) {
    if (e.check().equals("row_count")) {
      return rowCount(e, rows.size(), history);
    }
    int c = COLUMNS.stream().map(Field::name).toList().indexOf(e.column());
    List<Object> all = rows.stream().map(r -> r[c]).toList();
    List<Object> values = all.stream().filter(v -> v != null).toList();
    return switch (e.check()) {
      case "completeness" -> {
        Double share = all.isEmpty() ? null : (double) values.size() / all.size();
        yield new Verdict(share == null || share >= e.min(), share, all.size() - values.size());
      }
      case "uniqueness" -> {
        long repeats = 0;
        for (int i = 0; i < values.size(); i++) {
          if (values.subList(0, i).contains(values.get(i))) {
            repeats++;
          }
        }
        yield new Verdict(repeats == 0, (double) repeats, repeats);
      }
      case "min", "max" -> range(e, values);
      case "mean" -> {
        double sum = 0;
        for (Object v : values) {
          sum += ((Number) v).doubleValue();
        }
        Double mean = values.isEmpty() ? null : sum / values.size();
        boolean ok = mean == null || (within(e, mean));
        yield new Verdict(ok, mean, 0);
      }
      case "allowed_values" -> {
        long bad = values.stream().filter(v -> !e.values().contains(v.toString())).count();
        yield new Verdict(bad == 0, (double) bad, bad);
      }
      default -> {
        long bad = values.stream().filter(v -> !((String) v).matches(e.pattern())).count();
        yield new Verdict(bad == 0, (double) bad, bad);
      }
    };
  }

  private static Verdict range(Expectation e, List<Object> values) {
    List<Double> xs = new ArrayList<>();
    for (Object v : values) {
      xs.add(
          v instanceof Instant t
              ? t.getEpochSecond() * 1e6 + t.getNano() / 1000
              : ((Number) v).doubleValue());
    }
    long outside = xs.stream().filter(x -> !within(e, x)).count();
    List<Double> real = xs.stream().filter(x -> !x.isNaN()).sorted().toList();
    Double observed;
    if (xs.isEmpty()) {
      observed = null;
    } else if (real.isEmpty()) {
      observed = Double.NaN;
    } else {
      observed = e.check().equals("min") ? real.get(0) : real.get(real.size() - 1);
    }
    return new Verdict(outside == 0, observed, outside);
  }

  private static boolean within(Expectation e, double x) {
    return (e.min() == null || x >= e.min()) && (e.max() == null || x <= e.max());
  }

  private static Verdict rowCount(Expectation e, long rows, List<Long> history) {
    if (history.size() < 3) {
      return new Verdict(true, (double) rows, 0);
    }
    double mean = 0;
    for (long h : history) {
      mean += h;
    }
    mean /= history.size();
    double squares = 0;
    for (long h : history) {
      squares += (h - mean) * (h - mean);
    }
    double sd = Math.sqrt(squares / (history.size() - 1));
    boolean ok = Math.abs(rows - mean) <= e.stddevs() * sd;
    return new Verdict(ok, (double) rows, 0);
  }
}
