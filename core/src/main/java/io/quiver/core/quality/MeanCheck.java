package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import java.util.List;

/**
 * The mean of the non-null values lies within the bounds given, both inclusive. Numeric columns
 * only. A batch with no non-null value passes vacuously.
 */
final class MeanCheck implements Check {
  private final Expectation e;
  private final Field column;
  private long count;
  private double sum;

  MeanCheck(Expectation e, Field column) {
    this.e = e;
    this.column = column;
  }

  @Override
  public void accept(Object value) {
    if (value != null) {
      sum += NumericValue.of(column, value);
      count++;
    }
  }

  @Override
  public void acceptLong(long value) {
    sum += (double) value; // as Long.doubleValue() on the row path
    count++;
  }

  @Override
  public void acceptDouble(double value) {
    sum += value;
    count++;
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String expected = Bounds.describe(column.type(), e.min(), e.max());
    String subject = "mean of " + e.column();
    if (count == 0) {
      String message = subject + ": no non-null values, passes vacuously";
      return CheckResult.of(e, true, null, expected, message, null);
    }
    double mean = sum / count;
    boolean passed = Bounds.contains(e.min(), e.max(), mean);
    String message = subject + " is " + ValueText.number(mean) + ", expected " + expected;
    return CheckResult.of(e, passed, mean, expected, message, null);
  }
}
