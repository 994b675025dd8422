package io.quiver.export.engine;

import io.quiver.core.model.Field;
import io.quiver.offline.TablePlan;
import java.time.Duration;
import java.util.List;

/**
 * What the engine reads for one view version: the join keys, maxAge (null: none), the planned
 * feature table (select rows or tiles), for aggregation views the planned curated table of the
 * source, and the requested features.
 */
public record ViewRead(
    String view,
    List<Field> joinKeys,
    Duration maxAgeOrNull,
    TablePlan table,
    TablePlan curatedOrNull,
    List<FeatureRead> features) {
  public ViewRead {
    joinKeys = List.copyOf(joinKeys);
    features = List.copyOf(features);
  }

  public boolean isAggregation() {
    return curatedOrNull != null;
  }
}
