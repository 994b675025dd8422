package io.quiver.export.engine;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads the entity rows for the joins as {@code entities}: the input's own columns in input order,
 * plus {@code __row} (0-based input position), {@code __t} (event_timestamp as UTC timestamptz) and
 * {@code __key_<name>} per view join key (cast to BIGINT or VARCHAR; read from the column the
 * query's joinKeyMap names, else the key's own name). A table, not a view over the input's copy:
 * the joins read these columns several times, and through a view each select join took about 20 %
 * more CPU (measured on the export bench). Rejects inputs that lack a join key or event_timestamp,
 * have the wrong types, a null or unreadable event_timestamp, or no rows.
 */
final class EntityTable {
  static final String EVENT_TIMESTAMP = "event_timestamp";
  private static final Set<String> INTEGERS =
      Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER");
  private static final Set<String> TIMESTAMPS =
      Set.of(
          "TIMESTAMP",
          "TIMESTAMP WITH TIME ZONE",
          "TIMESTAMP_S",
          "TIMESTAMP_MS",
          "TIMESTAMP_NS",
          "DATE");

  private EntityTable() {}

  /** Creates {@code entities}; returns the input's own column names, in order. */
  static List<String> load(Connection c, PointInTimeQuery q) throws SQLException {
    if (!Files.isRegularFile(q.entities())) {
      throw new BadExportInputException("entities.uri", "no such file " + q.entities());
    }
    String reader = q.entityFormat().duckDbReader(Sql.literal(q.entities().toString()));
    try (Statement s = c.createStatement()) {
      s.execute("CREATE OR REPLACE TABLE entities_in AS SELECT * FROM " + reader);
    } catch (SQLException e) {
      throw new BadExportInputException(
          "entities",
          "cannot read the entity input as " + q.entityFormat() + ": " + e.getMessage());
    }
    requireRows(c);
    Map<String, String> types = describe(c);
    List<String> select = new ArrayList<>();
    for (Field key : joinKeys(q)) {
      String column = q.entityColumn(key.name());
      select.add(keyColumn(key, column, types.get(column)));
    }
    select.add(timeColumn(c, types.get(EVENT_TIMESTAMP)));
    try (Statement s = c.createStatement()) {
      s.execute(
          "CREATE OR REPLACE TABLE entities AS SELECT *, rowid AS __row, "
              + String.join(", ", select)
              + " FROM entities_in");
      s.execute("DROP TABLE entities_in");
    }
    return List.copyOf(types.keySet());
  }

  /** Every view's join keys, once each; the same name with two types is refused. */
  static List<Field> joinKeys(PointInTimeQuery q) {
    Map<String, Field> keys = new LinkedHashMap<>();
    for (ViewRead v : q.views()) {
      for (Field k : v.joinKeys()) {
        Field seen = keys.putIfAbsent(k.name(), k);
        if (seen != null && seen.type() != k.type()) {
          throw new BadExportInputException(
              k.name(),
              "join key is " + seen.type() + " in one view and " + k.type() + " in another");
        }
      }
    }
    return List.copyOf(keys.values());
  }

  private static Map<String, String> describe(Connection c) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE entities_in")) {
      while (r.next()) {
        types.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    return types;
  }

  /**
   * {@code __key_<view's key name>} from the input's {@code column} (the key's name, or the name a
   * feature service's joinKeyMap gives it); errors name the input's column.
   */
  private static String keyColumn(Field key, String column, String type) {
    String renamed =
        column.equals(key.name())
            ? ""
            : " (join key " + key.name() + " under the feature service's joinKeyMap)";
    if (type == null) {
      throw new BadExportInputException(
          column, "the entity input has no join key column " + column + renamed);
    }
    boolean ok =
        key.type() == ValueType.INT64
            ? INTEGERS.contains(type)
            : type.equals("VARCHAR") || INTEGERS.contains(type);
    if (!ok) {
      throw new BadExportInputException(
          column, "join key must be " + key.type() + ", the entity input has " + type + renamed);
    }
    String target = key.type() == ValueType.INT64 ? "BIGINT" : "VARCHAR";
    return "CAST("
        + Sql.ident(column)
        + " AS "
        + target
        + ") AS "
        + Sql.ident("__key_" + key.name());
  }

  private static String timeColumn(Connection c, String type) throws SQLException {
    String col = Sql.ident(EVENT_TIMESTAMP);
    if (type == null) {
      throw new BadExportInputException(EVENT_TIMESTAMP, "the entity input has no event_timestamp");
    }
    if (!TIMESTAMPS.contains(type) && !type.equals("VARCHAR")) {
      throw new BadExportInputException(
          EVENT_TIMESTAMP, "must be a timestamp, the entity input has " + type);
    }
    String cast = "TRY_CAST(" + col + " AS TIMESTAMPTZ)";
    try (Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT rowid, CAST("
                    + col
                    + " AS VARCHAR) FROM entities_in WHERE "
                    + cast
                    + " IS NULL ORDER BY rowid LIMIT 1")) {
      if (r.next()) {
        String value = r.getString(2);
        throw new BadExportInputException(
            EVENT_TIMESTAMP,
            "row "
                + r.getLong(1)
                + (value == null ? " has none" : " has '" + value + "', not a timestamp"));
      }
    }
    return cast + " AS __t";
  }

  private static void requireRows(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT count(*) FROM entities_in")) {
      r.next();
      if (r.getLong(1) == 0) {
        throw new BadExportInputException("entities", "the entity input has no rows");
      }
    }
  }
}
