package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import java.util.List;

/**
 * The outcome of one expectation over one batch, in simple fields so that it stores as JSON as it
 * is (run status, quarantine table).
 *
 * @param check the expectation's check, e.g. {@code completeness}
 * @param column the checked column; null for {@code row_count}
 * @param severity {@code error} or {@code warn}
 * @param passed whether the batch met the expectation
 * @param observed the measured statistic (see {@link QualityProfiler} for which one per check);
 *     null when there was nothing to measure (empty batch, no non-null values, no history).
 *     TIMESTAMP minima and maxima are epoch microseconds.
 * @param expected what the expectation asks for, e.g. {@code ≥ 0.9}
 * @param message one sentence for people, e.g. {@code completeness of session_duration is 0.85,
 *     expected ≥ 0.9}
 * @param offendingRows how many rows broke the expectation (nulls for completeness, repeats for
 *     uniqueness, values out of range, not allowed or not matching); 0 for mean and row_count
 * @param examples up to {@value #MAX_EXAMPLES} distinct offending values, as text
 */
public record CheckResult(
    String check,
    String column,
    String severity,
    boolean passed,
    Double observed,
    String expected,
    String message,
    long offendingRows,
    List<String> examples) {

  public static final int MAX_EXAMPLES = 5;

  public CheckResult {
    examples = examples == null ? List.of() : List.copyOf(examples);
  }

  /** Whether this result stops the batch: a failed {@code error} expectation. */
  public boolean blocking() {
    return !passed && "error".equals(severity);
  }

  static CheckResult of(
      Expectation e,
      boolean passed,
      Double observed,
      String expected,
      String message,
      Offenders offenders) {
    return new CheckResult(
        e.check(),
        e.column(),
        e.isError() ? "error" : "warn",
        passed,
        observed,
        expected,
        message,
        offenders == null ? 0 : offenders.count(),
        offenders == null ? List.of() : offenders.examples());
  }
}
