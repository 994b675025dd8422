package io.quiver.export.engine;

import io.quiver.core.model.Field;
import io.quiver.offline.TablePlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the engine reads for one view version: the join keys, maxAge (null: none), the planned
 * feature table (select rows or tiles), for aggregation views the planned curated table of the
 * source, the requested features, and for tile tables each data file's Iceberg data sequence number
 * (a recomputed tile is appended again: the row from the newest snapshot is the current one).
 */
public record ViewRead(
    String view,
    List<Field> joinKeys,
    Duration maxAgeOrNull,
    TablePlan table,
    TablePlan curatedOrNull,
    List<FeatureRead> features,
    Map<String, Long> fileSequenceNumbers) {
  public ViewRead {
    joinKeys = List.copyOf(joinKeys);
    features = List.copyOf(features);
    fileSequenceNumbers = Map.copyOf(fileSequenceNumbers);
  }

  /** A view whose files' sequence numbers do not matter (select views, tests). */
  public ViewRead(
      String view,
      List<Field> joinKeys,
      Duration maxAgeOrNull,
      TablePlan table,
      TablePlan curatedOrNull,
      List<FeatureRead> features) {
    this(view, joinKeys, maxAgeOrNull, table, curatedOrNull, features, Map.of());
  }

  public boolean isAggregation() {
    return curatedOrNull != null;
  }
}
