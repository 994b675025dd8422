package io.quiver.core.online;

import io.quiver.core.model.Field;
import java.util.List;

/**
 * The features of a stored value, in stored order, under an id that every stored value carries. A
 * view that gains a feature gets a new schema id; values written under the old id still decode, the
 * new feature reading as null (see {@link SelectRecordCodec#decode}).
 *
 * <p>Ids are the caller's to assign (the registry: one id per feature list of a view version) and
 * must never be reused for another feature list.
 */
public record OnlineSchema(int id, List<Field> features) {
  public OnlineSchema {
    if (id < 0) {
      throw new IllegalArgumentException("schema id must be >= 0: " + id);
    }
    features = List.copyOf(features);
  }

  /** Position of a feature by name, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < features.size(); i++) {
      if (features.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
