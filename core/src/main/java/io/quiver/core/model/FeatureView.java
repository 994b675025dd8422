package io.quiver.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Features computed from one source for one or more entities, by a {@code select} (feature → source
 * column, each feature declared in {@code features}) or by {@code aggregations} (whose features are
 * the aggregations themselves).
 */
public record FeatureView(
    String name,
    String description,
    Map<String, String> tags,
    String owner,
    List<String> entities,
    String source,
    String batchSource,
    String maxAge,
    String schedule,
    Boolean online,
    Boolean offline,
    List<Expectation> expectations,
    Map<String, String> select,
    List<Field> features,
    List<Aggregation> aggregations,
    String hop)
    implements Definition {

  public FeatureView {
    tags = Defaults.tags(tags);
    entities = Defaults.list(entities);
    expectations = Defaults.list(expectations);
    select = Defaults.map(select);
    features = Defaults.list(features);
    aggregations = Defaults.list(aggregations);
  }

  @Override
  public Kind kind() {
    return Kind.FEATURE_VIEW;
  }

  public boolean isAggregation() {
    return !aggregations.isEmpty();
  }

  public boolean isOnline() {
    return online == null || online;
  }

  public boolean isOffline() {
    return offline == null || offline;
  }

  /** maxAge as a duration, or null when the view's values never expire. */
  public java.time.Duration maxAgeOrNull() {
    return maxAge == null ? null : Durations.parse(maxAge);
  }

  /**
   * The view's features with their types: the declared ones for a select view; for an aggregation
   * view, one per aggregation typed from its function and the source column's type.
   */
  public List<Field> resolvedFeatures(DataSource source) {
    if (!isAggregation()) {
      return features;
    }
    List<Field> out = new ArrayList<>();
    for (Aggregation a : aggregations) {
      ValueType column = source.column(a.column()).map(Field::type).orElse(ValueType.INT64);
      out.add(new Field(a.name(), a.parsedFunction().resultType(column)));
    }
    return out;
  }

  /** The window of an aggregation, with the view's hop or SPEC's default. */
  public Window window(Aggregation aggregation) {
    return Window.parse(aggregation.window(), hop);
  }
}
