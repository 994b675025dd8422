package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import java.util.List;

/**
 * The batch's row count lies within {@code stddevs} (default 3) sample standard deviations of the
 * mean row count of the recent runs given, bounds inclusive. With fewer than {@value #MIN_HISTORY}
 * past runs there is no baseline and the check passes with a note. When every past run had the same
 * count the standard deviation is 0 and only that count passes.
 */
final class RowCountCheck implements Check {
  static final int MIN_HISTORY = 3;
  private final Expectation e;
  private final double stddevs;

  RowCountCheck(Expectation e) {
    this.e = e;
    this.stddevs = e.stddevs() == null ? 3.0 : e.stddevs();
  }

  @Override
  public void accept(Object value) {
    throw new UnsupportedOperationException("row_count reads no column");
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String within = "within " + ValueText.number(stddevs) + " stddevs of recent runs";
    if (history.size() < MIN_HISTORY) {
      String message =
          "row_count is "
              + rows
              + "; only "
              + history.size()
              + " past runs, at least "
              + MIN_HISTORY
              + " needed for a baseline, passes";
      return CheckResult.of(e, true, (double) rows, within, message, null);
    }
    double mean = history.stream().mapToLong(Long::longValue).average().orElseThrow();
    double squares = history.stream().mapToDouble(n -> (n - mean) * (n - mean)).sum();
    double sd = Math.sqrt(squares / (history.size() - 1));
    double lo = mean - stddevs * sd;
    double hi = mean + stddevs * sd;
    String expected = "in [" + ValueText.number(lo) + ", " + ValueText.number(hi) + "]";
    String message =
        String.format(
            "row_count is %d, expected %s (%s of mean %s, sd %s over %d runs)",
            rows,
            expected,
            within.replace(" of recent runs", ""),
            ValueText.number(mean),
            ValueText.number(sd),
            history.size());
    return CheckResult.of(e, rows >= lo && rows <= hi, (double) rows, expected, message, null);
  }
}
