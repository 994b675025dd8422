package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every non-null value of a STRING column matches {@code pattern} as a whole ({@link
 * Matcher#matches()}, not a find). Observed: the number of values that do not match.
 */
final class PatternCheck implements Check {
  private final Expectation e;
  private final Matcher matcher;
  private final Offenders mismatches = new Offenders();

  PatternCheck(Expectation e) {
    this.e = e;
    if (e.pattern() == null) {
      throw new IllegalArgumentException("pattern is required");
    }
    this.matcher = Pattern.compile(e.pattern()).matcher("");
  }

  @Override
  public void accept(Object value) {
    if (value != null && !matcher.reset((CharSequence) value).matches()) {
      mismatches.add(value);
    }
  }

  @Override
  public CheckResult result(long rows, List<Long> history) {
    String expected = "matches " + e.pattern();
    long n = mismatches.count();
    String message =
        "pattern of " + e.column() + ": " + n + " values do not match, expected " + expected;
    return CheckResult.of(e, n == 0, (double) n, expected, message, mismatches);
  }
}
