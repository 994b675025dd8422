package io.quiver.export.engine;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.model.Window;

/**
 * How one aggregation feature is read: its aggregator and window, and the curated column whose
 * events recompute the head hop and stale tiles ({@code event_timestamp} for the source's own
 * timestamp field).
 */
public record AggregateRead(Aggregator aggregator, Window window, String curatedColumn) {}
