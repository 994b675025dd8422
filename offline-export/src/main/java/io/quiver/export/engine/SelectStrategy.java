package io.quiver.export.engine;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How a select view is joined; both give the same rows (the oracle test runs both).
 *
 * <ul>
 *   <li>{@link #CANDIDATE_JOIN}: join every entity row to its key's visible feature rows and keep
 *       the best per row. Fast when keys have short histories; the pairs grow with (feature rows ×
 *       entity rows) per key.
 *   <li>{@link #RUNNING_MAX}: one sort of feature and entity rows per key by visibility time and a
 *       running max; linear whatever the key skew.
 *   <li>{@link #AUTO}: counts the pairs the candidate join would make (a GROUP BY per side) and
 *       takes it when they are at most {@value #PAIRS_PER_ROW} per input row, else the running max.
 * </ul>
 */
public enum SelectStrategy {
  AUTO,
  CANDIDATE_JOIN,
  RUNNING_MAX;

  static final int PAIRS_PER_ROW = 4;

  SelectStrategy resolve(Connection c, ViewRead view) throws SQLException {
    if (this != AUTO) {
      return this;
    }
    List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
    String fk = Sql.idents(keys, "");
    String ek = Sql.idents(keys.stream().map(k -> "__key_" + k).toList(), "");
    String on =
        keys.stream()
            .map(k -> "f." + Sql.ident(k) + " = e." + Sql.ident("__key_" + k))
            .collect(Collectors.joining(" AND "));
    String sql =
        "SELECT coalesce(sum(f.n * e.n), 0), (SELECT count(*) FROM entities)"
            + " + (SELECT count(*) FROM "
            + view.table().duckDbReadParquet()
            + ") FROM (SELECT "
            + fk
            + ", count(*) AS n FROM "
            + view.table().duckDbReadParquet()
            + " GROUP BY ALL) f JOIN (SELECT "
            + ek
            + ", count(*) AS n FROM entities GROUP BY ALL) e ON "
            + on;
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1) <= PAIRS_PER_ROW * r.getLong(2) ? CANDIDATE_JOIN : RUNNING_MAX;
    }
  }
}
