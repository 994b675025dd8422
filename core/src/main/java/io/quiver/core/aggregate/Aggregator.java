package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import java.util.Objects;

/**
 * One aggregation function over a column of a given type, validated at birth: SUM and MEAN need a
 * numeric column, MIN and MAX a column with an order (not a list). It creates the empty partial
 * aggregates ({@link #empty()}, Chronon's prepare) that events update and tiles merge into.
 */
public record Aggregator(AggregationFunction function, ValueType column) {
  public Aggregator {
    Objects.requireNonNull(function, "function");
    Objects.requireNonNull(column, "column");
    boolean ok =
        switch (function) {
          case SUM, MEAN -> column.isNumeric();
          case MIN, MAX -> !column.isList();
          default -> true;
        };
    if (!ok) {
      throw new IllegalArgumentException(
          function.wireName() + " cannot aggregate a column of type " + column);
    }
  }

  public static Aggregator of(AggregationFunction function, ValueType column) {
    return new Aggregator(function, column);
  }

  /** The type of {@link PartialAggregate#result()}: {@link AggregationFunction#resultType}. */
  public ValueType resultType() {
    return function.resultType(column);
  }

  /** A fresh partial aggregate over no values; its result is null. */
  public PartialAggregate empty() {
    return switch (function) {
      case COUNT -> new CountAggregate(this);
      case SUM, MEAN -> new SumAggregate(this);
      case MIN, MAX -> new MinMaxAggregate(this);
      case FIRST, LAST -> new FirstLastAggregate(this);
      case COUNT_DISTINCT -> new DistinctAggregate(this);
    };
  }
}
