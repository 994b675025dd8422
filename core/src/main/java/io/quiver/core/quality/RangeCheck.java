package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.value.EpochMicros;
import java.util.List;

/**
 * The {@code min} and {@code max} checks: every non-null value lies within the bounds given, both
 * inclusive ({@code min} alone: every value ≥ min; {@code max} alone: every value ≤ max). Observed:
 * the batch's minimum for {@code min}, its maximum for {@code max}. NaN is outside every range.
 * Nulls are skipped; a batch with no non-null value passes vacuously.
 */
final class RangeCheck implements Check {
  private final Expectation e;
  private final Field column;
  private final Double lo;
  private final Double hi;
  private final boolean lowest;
  private final Offenders outside = new Offenders();
  private boolean any;
  private double extreme;

  RangeCheck(Expectation e, Field column) {
    this.e = e;
    this.column = column;
    this.lo = NumericValue.bound(column, e.min());
    this.hi = NumericValue.bound(column, e.max());
    this.lowest = e.check().equals("min");
  }

  @Override
  public void accept(Object value) {
    if (value != null && take(NumericValue.of(column, value))) {
      outside.add(value);
    }
  }

  // the primitive paths box a value only to keep it as an example of an offending one

  @Override
  public void acceptLong(long value) {
    if (take(value)) {
      outside.add(value);
    }
  }

  @Override
  public void acceptMicros(long micros) {
    if (take(micros)) {
      outside.add(EpochMicros.toInstant(micros));
    }
  }

  @Override
  public void acceptDouble(double value) {
    if (take(value)) {
      outside.add(value);
    }
  }

  /** Takes {@code x} into the batch's extreme; returns whether it lies outside the bounds. */
  private boolean take(double x) {
    if (!Double.isNaN(x) && (!any || (lowest ? x < extreme : x > extreme))) {
      extreme = x;
      any = true;
    }
    return (lo != null && !(x >= lo)) || (hi != null && !(x <= hi));
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String expected = Bounds.describe(column.type(), e.min(), e.max());
    String subject = e.check() + " of " + e.column();
    if (!any && outside.count() == 0) {
      String message = subject + ": no non-null values, passes vacuously";
      return CheckResult.of(e, true, null, expected, message, outside);
    }
    String observed = any ? ValueText.number(column.type(), extreme) : "NaN";
    String message = subject + " is " + observed + ", expected every value " + expected;
    if (outside.count() > 0) {
      message += " (" + outside.count() + " outside)";
    }
    return CheckResult.of(
        e, outside.count() == 0, any ? extreme : Double.NaN, expected, message, outside);
  }
}
