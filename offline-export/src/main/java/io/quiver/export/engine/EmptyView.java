package io.quiver.export.engine;

import java.util.stream.Collectors;

/** A view whose table has no data at the snapshot: no rows, so every entity row reads nulls. */
final class EmptyView {
  private EmptyView() {}

  static String createTable(String table, ViewRead view) {
    return "CREATE OR REPLACE TABLE "
        + Sql.ident(table)
        + " AS SELECT NULL::BIGINT AS __row, "
        + view.features().stream()
            .map(f -> "NULL::" + DuckDbTypes.of(f.type()) + " AS " + Sql.ident(f.outputColumn()))
            .collect(Collectors.joining(", "))
        + " WHERE false";
  }
}
