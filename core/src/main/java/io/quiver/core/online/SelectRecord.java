package io.quiver.core.online;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The latest row of a select view for one entity: when it happened, when Quiver could first have
 * known it, and its feature values (canonical values of {@code io.quiver.core.value.Values}, null
 * for null) in the order of the schema {@code schemaId}.
 */
public record SelectRecord(
    int schemaId, long eventTimeMicros, long createdTimeMicros, List<Object> values) {
  public SelectRecord {
    // Values may be null, which List.copyOf refuses.
    values = Collections.unmodifiableList(new ArrayList<>(values));
  }
}
