package io.quiver.offline;

import io.quiver.core.model.ValueType;
import java.util.Objects;

/** One column of an offline table: a name and the Quiver type of its values. */
public record Column(String name, ValueType type) {
  public Column {
    Objects.requireNonNull(type, "type");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("column name must not be blank, got '" + name + "'");
    }
  }

  public static Column of(String name, ValueType type) {
    return new Column(name, type);
  }
}
