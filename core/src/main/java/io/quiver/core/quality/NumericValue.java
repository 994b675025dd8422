package io.quiver.core.quality;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;

/** A numeric or TIMESTAMP column's value as a double: numbers as they are, instants in µs. */
final class NumericValue {
  private NumericValue() {}

  static double of(Field column, Object value) {
    if (value instanceof Number n && column.type().isNumeric()) {
      return n.doubleValue();
    }
    if (value instanceof Instant t && column.type() == ValueType.TIMESTAMP) {
      return EpochMicros.of(t);
    }
    throw new IllegalArgumentException(
        "column "
            + column.name()
            + " is "
            + column.type()
            + " but the batch holds "
            + ValueText.of(value)
            + " ("
            + value.getClass().getSimpleName()
            + ")");
  }

  /**
   * A bound as the column compares it: FLOAT values are compared with the bound narrowed to float,
   * so that a stored 0.1f meets "≤ 0.1".
   */
  static Double bound(Field column, Double bound) {
    if (bound == null || column.type() != ValueType.FLOAT) {
      return bound;
    }
    return (double) bound.floatValue();
  }
}
