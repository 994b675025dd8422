package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import java.util.List;

/**
 * Share of non-null values ≥ {@code min} (1 when absent). An empty batch passes vacuously: there is
 * no share to measure, and row_count is the check that catches empty batches.
 */
final class CompletenessCheck implements Check {
  private final Expectation e;
  private final double min;
  private final Offenders nulls = new Offenders();
  private long nonNull;

  CompletenessCheck(Expectation e) {
    this.e = e;
    this.min = e.min() == null ? 1.0 : e.min();
  }

  @Override
  public void accept(Object value) {
    if (value != null) {
      nonNull++;
    }
  }

  @Override
  public void acceptLong(long value) {
    nonNull++;
  }

  @Override
  public void acceptMicros(long micros) {
    nonNull++;
  }

  @Override
  public void acceptDouble(double value) {
    nonNull++;
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String expected = "≥ " + ValueText.number(min);
    String subject = "completeness of " + e.column();
    if (rows == 0) {
      String message =
          subject + ": empty batch, passes vacuously (row_count catches empty batches)";
      return CheckResult.of(e, true, null, expected, message, nulls);
    }
    nulls.addMany(rows - nonNull);
    double share = (double) nonNull / rows;
    String message = subject + " is " + ValueText.number(share) + ", expected " + expected;
    return CheckResult.of(e, share >= min, share, expected, message, nulls);
  }
}
