package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.value.Values;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Every non-null value is one of {@code values}. The listed texts are read as the column's type
 * once (so {@code "1"} matches an INT64 1 and {@code "true"} a BOOL true) and compared by equality.
 * Scalar columns other than BYTES. Observed: the number of values not allowed.
 */
final class AllowedValuesCheck implements Check {
  private final Expectation e;
  private final Set<Object> allowed = new HashSet<>();
  private final Offenders other = new Offenders();

  AllowedValuesCheck(Expectation e, Field column) {
    this.e = e;
    if (e.values() == null) {
      throw new IllegalArgumentException("values is required");
    }
    for (String text : e.values()) {
      allowed.add(Values.coerce(column.type(), text));
    }
  }

  @Override
  public void accept(Object value) {
    if (value != null && !allowed.contains(value)) {
      other.add(value);
    }
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String expected = "one of " + e.values();
    long n = other.count();
    String message =
        "allowed_values of " + e.column() + ": " + n + " values not allowed, expected " + expected;
    return CheckResult.of(e, n == 0, (double) n, expected, message, other);
  }
}
