package io.quiver.export.engine;

import io.quiver.core.model.ValueType;

/**
 * One requested feature of a view: its name in the feature table (for aggregations, the tile
 * column), the output column {@code view__feature}, its type, and for aggregations how to compute
 * it (null for select views).
 */
public record FeatureRead(
    String name, String outputColumn, ValueType type, AggregateRead aggregateOrNull) {}
