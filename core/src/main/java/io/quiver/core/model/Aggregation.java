package io.quiver.core.model;

/**
 * One aggregate feature: {@code function} (lower-case wire name, see {@link AggregationFunction})
 * over {@code column} in {@code window} (a duration or {@code lifetime}).
 */
public record Aggregation(String name, String function, String column, String window) {

  public AggregationFunction parsedFunction() {
    return AggregationFunction.parse(function);
  }
}
