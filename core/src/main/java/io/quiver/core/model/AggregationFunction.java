package io.quiver.core.model;

import java.util.Locale;

/** The aggregation functions a feature view may declare; lower-case in JSON and YAML. */
public enum AggregationFunction {
  COUNT,
  SUM,
  MEAN,
  MIN,
  MAX,
  FIRST,
  LAST,
  COUNT_DISTINCT;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the lower-case wire name, e.g. {@code count_distinct}. */
  public static AggregationFunction parse(String wire) {
    for (AggregationFunction f : values()) {
      if (f.wireName().equals(wire)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown aggregation function '"
            + wire
            + "' (expected one of count, sum, mean, min, max, first, last, count_distinct)");
  }

  /**
   * The type of the aggregate given the aggregated column's type: counts are INT64, means DOUBLE,
   * sums widen integers to INT64 and floats to DOUBLE, the rest keep the column's type.
   */
  public ValueType resultType(ValueType column) {
    return switch (this) {
      case COUNT, COUNT_DISTINCT -> ValueType.INT64;
      case MEAN -> ValueType.DOUBLE;
      case SUM ->
          column == ValueType.INT32 || column == ValueType.INT64
              ? ValueType.INT64
              : ValueType.DOUBLE;
      case MIN, MAX, FIRST, LAST -> column;
    };
  }
}
