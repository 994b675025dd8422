package io.quiver.export.engine;

import static io.quiver.export.engine.SelectStrategy.CANDIDATE_ROWS_PER_KEY;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates one select view's {@code table(__row, features...)} by a {@link SelectStrategy}. Under
 * {@link SelectStrategy#AUTO}, keys with more than {@value SelectStrategy#CANDIDATE_ROWS_PER_KEY}
 * entity rows ("hot") are counted against the view's key column; unless their pairs are cheap, they
 * are split off: the candidate join takes the other entity rows, the running max the hot ones
 * against their keys' feature rows only (read once into a temporary table).
 */
final class SelectViewJoin {
  private final Connection c;
  private final SelectStrategy strategy;
  private final Map<List<String>, String> hotKeys = new HashMap<>();

  SelectViewJoin(Connection c, SelectStrategy strategy) {
    this.c = c;
    this.strategy = strategy;
  }

  /** The plan a view was joined with. */
  enum Plan {
    CANDIDATE_JOIN,
    RUNNING_MAX,
    /** The candidate join for most keys, the running max for the hot ones. */
    SPLIT
  }

  Plan create(String table, ViewRead view, boolean guard, EntityTimes times) throws SQLException {
    String source = SelectJoin.visibleRows(view, guard, times);
    String create = "CREATE OR REPLACE TABLE " + Sql.ident(table) + " AS ";
    if (strategy == SelectStrategy.RUNNING_MAX) {
      run(create + SelectJoin.runningMax(view, guard, "entities", source));
      return Plan.RUNNING_MAX;
    }
    if (strategy == SelectStrategy.AUTO) {
      List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
      String hot = hotKeys(keys);
      if (hot != null && !cheap(view, keys, hot)) {
        split(create, table, view, guard, source, hot);
        return Plan.SPLIT;
      }
    }
    run(create + SelectJoin.candidateJoin(view, guard, "entities", source));
    return Plan.CANDIDATE_JOIN;
  }

  /**
   * Whether the hot keys' pairs may go into the candidate join: when they number at most {@value
   * SelectStrategy#CANDIDATE_ROWS_PER_KEY} per row of theirs (entity and feature rows), or at most
   * a quarter of the view's feature rows (less than the second read of the files that splitting
   * them off costs). Counted from the key columns only, without the visibility filter: an upper
   * bound.
   */
  private boolean cheap(ViewRead view, List<String> keys, String hot) throws SQLException {
    String sql =
        "SELECT count(*), count(h.__n), coalesce(sum(h.__n), 0),"
            + " (SELECT sum(__n) FROM "
            + hot
            + ") FROM (SELECT "
            + Sql.idents(keys, "")
            + " FROM "
            + view.table().duckDbReadParquet()
            + ") f LEFT JOIN "
            + hot
            + " h ON "
            + on(keys, "f", "");
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      long featureRows = r.getLong(1);
      long hotRows = r.getLong(2) + r.getLong(4);
      long pairs = r.getLong(3);
      return pairs <= (long) CANDIDATE_ROWS_PER_KEY * hotRows || pairs <= featureRows / 4;
    }
  }

  private void split(
      String create, String table, ViewRead view, boolean guard, String source, String hotKeys)
      throws SQLException {
    List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
    String on = on(keys, "e", "__key_");
    String light = "(SELECT e.* FROM entities e ANTI JOIN " + hotKeys + " h ON " + on + ")";
    String hot = "(SELECT e.* FROM entities e SEMI JOIN " + hotKeys + " h ON " + on + ")";
    run(create + SelectJoin.candidateJoin(view, guard, light, source));
    run(
        "CREATE OR REPLACE TEMP TABLE __hot_rows AS SELECT f.* FROM "
            + source
            + " f SEMI JOIN "
            + hotKeys
            + " h ON "
            + on(keys, "f", ""));
    run(
        "INSERT INTO "
            + Sql.ident(table)
            + " "
            + SelectJoin.runningMax(view, guard, hot, "__hot_rows"));
    run("DROP TABLE __hot_rows");
  }

  /**
   * The table {@code (__key_k..., __n)} of the keys with more than {@value
   * SelectStrategy#CANDIDATE_ROWS_PER_KEY} entity rows, counted once per set of join keys (views of
   * one entity share it); null when there are none.
   */
  private String hotKeys(List<String> keys) throws SQLException {
    if (hotKeys.containsKey(keys)) {
      return hotKeys.get(keys);
    }
    String table = "__hot_" + hotKeys.size();
    run(
        "CREATE OR REPLACE TEMP TABLE "
            + table
            + " AS SELECT "
            + Sql.idents(keys.stream().map(k -> "__key_" + k).toList(), "")
            + ", count(*) AS __n FROM entities GROUP BY ALL HAVING count(*) > "
            + CANDIDATE_ROWS_PER_KEY);
    String result = count(table) == 0 ? null : table;
    hotKeys.put(keys, result);
    return result;
  }

  /** {@code alias.<prefix>k = h.__key_k} for every key k. */
  private static String on(List<String> keys, String alias, String prefix) {
    return keys.stream()
        .map(k -> alias + "." + Sql.ident(prefix + k) + " = h." + Sql.ident("__key_" + k))
        .collect(Collectors.joining(" AND "));
  }

  private long count(String table) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM " + table)) {
      r.next();
      return r.getLong(1);
    }
  }

  private void run(String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
