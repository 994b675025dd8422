package io.quiver.core.model;

import java.util.List;

/**
 * A Deequ-style data-quality constraint on a view's input batch. {@code check} is one of
 * completeness (share of non-null {@code column} ≥ {@code min}), uniqueness ({@code column} has no
 * duplicates), min / max (every value ≥ {@code min} / ≤ {@code max}), mean (in [{@code min}, {@code
 * max}]), allowed_values ({@code values}), pattern ({@code pattern}, a Java regex over the whole
 * value), row_count (within {@code stddevs} standard deviations of recent runs). {@code severity}
 * is {@code error} (the batch is quarantined) or {@code warn} (recorded only); default error.
 */
public record Expectation(
    String check,
    String column,
    Double min,
    Double max,
    List<String> values,
    String pattern,
    Double stddevs,
    String severity) {

  public static final List<String> CHECKS =
      List.of(
          "completeness",
          "uniqueness",
          "min",
          "max",
          "mean",
          "allowed_values",
          "pattern",
          "row_count");

  public Expectation {
    values = values == null ? null : List.copyOf(values);
  }

  public boolean isError() {
    return severity == null || "error".equals(severity);
  }
}
