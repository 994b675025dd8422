package io.quiver.offline;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks shared by the table specs. */
final class Specs {
  private Specs() {}

  static void requireUniqueNames(List<Column> columns) {
    Set<String> seen = new HashSet<>();
    for (Column column : columns) {
      if (!seen.add(column.name())) {
        throw new IllegalArgumentException("column " + column.name() + " appears twice");
      }
    }
  }
}
