package io.quiver.export.engine;

import io.quiver.core.aggregate.Event;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.PointInTimeAggregation;
import io.quiver.core.aggregate.Tile;
import io.quiver.core.value.EpochMicros;
import io.quiver.offline.Column;
import io.quiver.offline.TablePlan;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * One aggregation view's values at each entity row's t, by the core algebra ({@link
 * PointInTimeAggregation}): DuckDB numbers the distinct keys of the entity rows and hands over, key
 * by key, the entity rows, the view's tiles and the source's curated events of that key only; Java
 * merges the tiles created by t and recomputes the head hop and stale tiles from the events.
 * Results go to {@code table(__row, features...)} as text, cast to their types on read ({@link
 * ResultText}).
 */
final class AggregationJoin {
  private AggregationJoin() {}

  static void createTable(Connection c, String table, ViewRead view) throws SQLException {
    List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE __keys AS SELECT "
              + keys.stream()
                  .map(k -> Sql.ident("__key_" + k) + " AS " + Sql.ident(k))
                  .collect(Collectors.joining(", "))
              + ", row_number() OVER () AS __kid FROM (SELECT DISTINCT "
              + Sql.idents(keys.stream().map(k -> "__key_" + k).toList(), "")
              + " FROM entities)");
      s.execute(
          "CREATE OR REPLACE TABLE "
              + Sql.ident(table)
              + " (__row BIGINT, "
              + view.features().stream()
                  .map(f -> Sql.ident(f.outputColumn()) + " VARCHAR")
                  .collect(Collectors.joining(", "))
              + ")");
    }
    DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
    try (Connection tiles = duck.duplicate();
        Connection events = duck.duplicate();
        Statement rowsStmt = c.createStatement();
        ResultSet rows = rowsStmt.executeQuery(entityRows(keys));
        Statement tileStmt = tiles.createStatement();
        ResultSet tileRows = tileStmt.executeQuery(tiles(view, keys));
        Statement eventStmt = events.createStatement();
        ResultSet eventRows = eventStmt.executeQuery(events(view, keys));
        DuckDBAppender out = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table)) {
      new KeyMerge(view, rows, new Cursor(tileRows), new Cursor(eventRows), out).run();
    }
  }

  private static String entityRows(List<String> keys) {
    return "SELECT k.__kid, e.__row, epoch_us(e.__t) FROM entities e JOIN __keys k ON "
        + on("e", "__key_", "k", keys)
        + " ORDER BY k.__kid, e.__row";
  }

  private static String tiles(ViewRead view, List<String> keys) {
    TablePlan plan = view.table();
    if (plan.dataFiles().isEmpty()) {
      return "SELECT NULL::BIGINT AS __kid WHERE false";
    }
    Set<String> present = names(plan);
    List<String> cols = new ArrayList<>();
    for (FeatureRead f : view.features()) {
      cols.add(present.contains(f.name()) ? "t." + Sql.ident(f.name()) : "NULL::BLOB");
    }
    return "SELECT k.__kid, epoch_us(t.tile_start), t.hop_seconds, epoch_us(t.created_timestamp),"
        + " coalesce(f.seq, 0), "
        + String.join(", ", cols)
        + " FROM "
        + plan.duckDbReadParquet()
            .replace("hive_partitioning=false)", "hive_partitioning=false, filename=true)")
        + " t JOIN __keys k ON "
        + on("t", "", "k", keys)
        + " LEFT JOIN "
        + sequences(view)
        + " f ON f.filename = t.filename ORDER BY k.__kid";
  }

  /** The files' data sequence numbers as an inline table {@code (filename, seq)}. */
  private static String sequences(ViewRead view) {
    if (view.fileSequenceNumbers().isEmpty()) {
      return "(SELECT NULL::VARCHAR AS filename, NULL::BIGINT AS seq WHERE false)";
    }
    return view.fileSequenceNumbers().entrySet().stream()
        .map(e -> "(" + Sql.literal(e.getKey()) + ", " + e.getValue() + ")")
        .collect(Collectors.joining(", ", "(SELECT * FROM (VALUES ", ") v(filename, seq))"));
  }

  private static String events(ViewRead view, List<String> keys) {
    TablePlan plan = view.curatedOrNull();
    if (plan.dataFiles().isEmpty()) {
      return "SELECT NULL::BIGINT AS __kid WHERE false";
    }
    Set<String> present = names(plan);
    List<String> cols = new ArrayList<>();
    for (FeatureRead f : view.features()) {
      String column = f.aggregateOrNull().curatedColumn();
      cols.add(present.contains(column) ? "c." + Sql.ident(column) : "NULL");
    }
    return "SELECT k.__kid, epoch_us(c.event_timestamp), epoch_us(c.created_timestamp), "
        + String.join(", ", cols)
        + " FROM "
        + plan.duckDbReadParquet()
        + " c JOIN __keys k ON "
        + on("c", "", "k", keys)
        + " ORDER BY k.__kid";
  }

  private static String on(String left, String prefix, String right, List<String> keys) {
    return keys.stream()
        .map(k -> left + "." + Sql.ident(prefix + k) + " = " + right + "." + Sql.ident(k))
        .collect(Collectors.joining(" AND "));
  }

  private static Set<String> names(TablePlan plan) {
    return plan.columns().stream().map(Column::name).collect(Collectors.toSet());
  }

  /** A result set read one key at a time; rows are ordered by {@code __kid} (column 1). */
  static final class Cursor {
    private final ResultSet rs;
    private boolean hasRow;

    Cursor(ResultSet rs) throws SQLException {
      this.rs = rs;
      this.hasRow = rs.next();
    }

    /** Whether the current row belongs to key {@code kid}; skips rows of smaller keys. */
    boolean at(long kid) throws SQLException {
      while (hasRow && rs.getLong(1) < kid) {
        hasRow = rs.next();
      }
      return hasRow && rs.getLong(1) == kid;
    }

    ResultSet row() {
      return rs;
    }

    void next() throws SQLException {
      hasRow = rs.next();
    }
  }

  /** Walks the keys in order, computing every entity row's values for one key at a time. */
  private record KeyMerge(
      ViewRead view, ResultSet rows, Cursor tiles, Cursor events, DuckDBAppender out) {

    void run() throws SQLException {
      boolean more = rows.next();
      while (more) {
        long kid = rows.getLong(1);
        List<List<Tile>> keyTiles = readTiles(kid);
        List<List<Event>> keyEvents = readEvents(kid);
        while (more && rows.getLong(1) == kid) {
          write(rows.getLong(2), EpochMicros.toInstant(rows.getLong(3)), keyTiles, keyEvents);
          more = rows.next();
        }
      }
    }

    private List<List<Tile>> readTiles(long kid) throws SQLException {
      List<List<TileRollup.Stored>> perFeature = emptyLists();
      while (tiles.at(kid)) {
        ResultSet r = tiles.row();
        Instant start = EpochMicros.toInstant(r.getLong(2));
        long hopSeconds = r.getLong(3);
        Instant created = EpochMicros.toInstant(r.getLong(4));
        long sequence = r.getLong(5);
        for (int i = 0; i < view.features().size(); i++) {
          AggregateRead a = view.features().get(i).aggregateOrNull();
          byte[] bytes = r.getBytes(6 + i);
          if (bytes != null) {
            Tile tile =
                new Tile(start, created, PartialAggregateCodec.decode(bytes, a.aggregator()));
            perFeature.get(i).add(new TileRollup.Stored(hopSeconds, sequence, tile));
          }
        }
        tiles.next();
      }
      List<List<Tile>> atWindowHop = new ArrayList<>();
      for (int i = 0; i < perFeature.size(); i++) {
        Duration hop = view.features().get(i).aggregateOrNull().window().hop();
        atWindowHop.add(TileRollup.atHop(perFeature.get(i), hop));
      }
      return atWindowHop;
    }

    private List<List<Event>> readEvents(long kid) throws SQLException {
      List<List<Event>> perFeature = emptyLists();
      while (events.at(kid)) {
        ResultSet r = events.row();
        Instant eventTime = EpochMicros.toInstant(r.getLong(2));
        Instant created = EpochMicros.toInstant(r.getLong(3));
        for (int i = 0; i < view.features().size(); i++) {
          AggregateRead a = view.features().get(i).aggregateOrNull();
          Object value = ResultText.canonical(a.aggregator().column(), r.getObject(4 + i));
          perFeature.get(i).add(new Event(eventTime, created, value));
        }
        events.next();
      }
      return perFeature;
    }

    private void write(long row, Instant t, List<List<Tile>> tiles, List<List<Event>> events)
        throws SQLException {
      out.beginRow();
      out.append(row);
      for (int i = 0; i < view.features().size(); i++) {
        FeatureRead f = view.features().get(i);
        AggregateRead a = f.aggregateOrNull();
        Object value =
            PointInTimeAggregation.valueAt(
                a.aggregator(), a.window(), tiles.get(i), events.get(i), t);
        String text = ResultText.encode(f.type(), value);
        if (text == null) {
          out.appendNull();
        } else {
          out.append(text);
        }
      }
      out.endRow();
    }

    private <T> List<List<T>> emptyLists() {
      List<List<T>> lists = new ArrayList<>();
      view.features().forEach(f -> lists.add(new ArrayList<>()));
      return lists;
    }
  }
}
