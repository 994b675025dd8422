package io.quiver.export.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One point-in-time join: the entity rows (a file in {@code entityFormat}), the views to join, the
 * output columns in requested order (each a {@link FeatureRead#outputColumn()} of some view),
 * whether the leakage guard ({@code created_timestamp <= t}) applies to select views, and the
 * entity input's column for a view join key where a feature service renames it ({@code joinKeyMap}:
 * view join key name → the caller's column name; other keys keep their names).
 */
public record PointInTimeQuery(
    Path entities,
    EntityFormat entityFormat,
    List<ViewRead> views,
    List<String> outputColumns,
    boolean leakageGuard,
    Map<String, String> joinKeyMap) {
  public PointInTimeQuery {
    views = List.copyOf(views);
    outputColumns = List.copyOf(outputColumns);
    joinKeyMap = joinKeyMap == null ? Map.of() : Map.copyOf(joinKeyMap);
  }

  /** A query whose entity input names every join key as the views do. */
  public PointInTimeQuery(
      Path entities,
      EntityFormat entityFormat,
      List<ViewRead> views,
      List<String> outputColumns,
      boolean leakageGuard) {
    this(entities, entityFormat, views, outputColumns, leakageGuard, Map.of());
  }

  /** The entity input's column holding a view's join key {@code name}. */
  public String entityColumn(String name) {
    return joinKeyMap.getOrDefault(name, name);
  }
}
