package io.quiver.core.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides whether a change to a feature view can apply in place or needs a new version. In place:
 * added features, widening INT32→INT64 or FLOAT→DOUBLE, description, tags, owner, schedule, maxAge,
 * online/offline, expectations. A new version: a dropped or otherwise retyped feature, other
 * entities, source or batch source, a changed transformation (select mapping, aggregation function,
 * column or window, hop).
 */
public final class ViewCompatibility {
  private ViewCompatibility() {}

  /** Why {@code after} is incompatible with {@code before}; empty when it applies in place. */
  public static List<String> breakingChanges(FeatureView before, FeatureView after) {
    List<String> why = new ArrayList<>();
    if (!before.entities().equals(after.entities())) {
      why.add("entities changed from " + before.entities() + " to " + after.entities());
    }
    if (!Objects.equals(before.source(), after.source())) {
      why.add("source changed from " + before.source() + " to " + after.source());
    }
    if (!Objects.equals(before.batchSource(), after.batchSource())) {
      why.add("batchSource changed from " + before.batchSource() + " to " + after.batchSource());
    }
    if (before.isAggregation() != after.isAggregation()) {
      why.add("transformation changed between select and aggregations");
    } else if (before.isAggregation()) {
      aggregations(before, after, why);
    } else {
      selects(before, after, why);
    }
    return why;
  }

  private static void selects(FeatureView before, FeatureView after, List<String> why) {
    Map<String, ValueType> newTypes = new HashMap<>();
    after.features().forEach(f -> newTypes.put(f.name(), f.type()));
    for (Field old : before.features()) {
      ValueType now = newTypes.get(old.name());
      if (now == null) {
        why.add("feature '" + old.name() + "' dropped");
      } else if (!old.type().widensTo(now)) {
        why.add("feature '" + old.name() + "' retyped from " + old.type() + " to " + now);
      } else if (!Objects.equals(before.select().get(old.name()), after.select().get(old.name()))) {
        why.add("feature '" + old.name() + "' now selects another column");
      }
    }
  }

  private static void aggregations(FeatureView before, FeatureView after, List<String> why) {
    if (!Objects.equals(before.hop(), after.hop())) {
      why.add("hop changed from " + before.hop() + " to " + after.hop());
    }
    Map<String, Aggregation> now = new HashMap<>();
    after.aggregations().forEach(a -> now.put(a.name(), a));
    for (Aggregation old : before.aggregations()) {
      Aggregation a = now.get(old.name());
      if (a == null) {
        why.add("aggregation '" + old.name() + "' dropped");
      } else if (!a.equals(old)) {
        why.add("aggregation '" + old.name() + "' changed");
      }
    }
  }
}
