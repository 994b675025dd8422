package io.quiver.materializer.pipeline;

import java.util.Arrays;

/** A curated row compared by deep equality of all values: what "exact duplicate" means. */
public record RowKey(Object[] values) {
  @Override
  public boolean equals(Object o) {
    return o instanceof RowKey k && Arrays.deepEquals(values, k.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return Arrays.deepToString(values);
  }
}
