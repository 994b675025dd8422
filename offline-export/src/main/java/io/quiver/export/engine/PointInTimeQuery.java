package io.quiver.export.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * One point-in-time join: the entity rows (a file in {@code entityFormat}), the views to join, the
 * output columns in requested order (each a {@link FeatureRead#outputColumn()} of some view), and
 * whether the leakage guard ({@code created_timestamp <= t}) applies to select views.
 */
public record PointInTimeQuery(
    Path entities,
    EntityFormat entityFormat,
    List<ViewRead> views,
    List<String> outputColumns,
    boolean leakageGuard) {
  public PointInTimeQuery {
    views = List.copyOf(views);
    outputColumns = List.copyOf(outputColumns);
  }
}
