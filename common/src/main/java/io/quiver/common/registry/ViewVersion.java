package io.quiver.common.registry;

import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One version of a feature view as the registry reports it. {@code schemaId} names the current
 * feature list ({@code features}); {@code schemas} holds every list the version had, by id, so
 * records written before a compatible change still decode.
 */
public record ViewVersion(
    String view,
    int version,
    long revision,
    String backfillState,
    FeatureView definition,
    Map<Integer, List<Field>> schemas) {

  public static final String COMPLETE = "COMPLETE";
  public static final String PENDING = "PENDING";

  public boolean isBackfillComplete() {
    return COMPLETE.equals(backfillState);
  }

  /** The id of the current feature list: the greatest id. */
  public int schemaId() {
    return schemas.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
  }

  /** The current features, in stored order, with their resolved types. */
  public List<Field> features() {
    return schemas.getOrDefault(schemaId(), List.of());
  }

  public Optional<Field> feature(String name) {
    return features().stream().filter(f -> f.name().equals(name)).findFirst();
  }
}
