package io.quiver.materializer.source;

import io.quiver.core.model.DataSource;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.Values;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Reads a POSTGRES source ({@code table} or {@code query}) incrementally on its position column —
 * {@code createdTimestampField} where declared (null falls back to the event time), else {@code
 * timestampField} — ordered by it and streamed through a server-side cursor of {@code fetchSize}
 * rows, so the table never sits in memory here. The result's columns are checked first: a declared
 * column it lacks fails the run naming it; extra columns are reported and not read. Values are read
 * as the declared types ({@link Values#coerce}); a row that does not read is rejected with the
 * column and the reason.
 */
public final class PostgresSourceReader {
  private static final String POSITION = "quiver__position";
  private final CuratedLayout layout;
  private final String jdbcUrl;
  private final Optional<PostgresCredentials> credentials;
  private final int fetchSize;

  /**
   * Which rows to read: position in {@code [from, to]} and event time in {@code [eventStart,
   * eventEnd)}; each bound null when open.
   */
  public record Window(Instant from, Instant to, Instant eventStart, Instant eventEnd) {}

  /**
   * What a read saw: undeclared columns, the greatest position read (null: no row), and whether it
   * stopped at its row limit with rows of greater positions left.
   */
  public record Result(List<String> extraColumns, Instant greatestPosition, boolean more) {}

  public PostgresSourceReader(
      CuratedLayout layout, Optional<PostgresCredentials> credentials, int fetchSize) {
    DataSource s = layout.source();
    if ((s.table() == null) == (s.query() == null)) {
      throw new IllegalArgumentException(
          "source " + s.name() + ": a POSTGRES source needs exactly one of table and query");
    }
    if (s.jdbcUrl() == null || s.jdbcUrl().toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException(
          "source "
              + s.name()
              + ": jdbcUrl is required and must not carry a password (use credentialsRef)");
    }
    this.layout = layout;
    this.jdbcUrl = s.jdbcUrl();
    this.credentials = credentials;
    this.fetchSize = fetchSize;
  }

  public Result read(Window w, RowSink sink) {
    return read(w, 0, sink);
  }

  /**
   * Reads at most about {@code limit} rows of the window ({@code 0}: no limit): past the limit, the
   * rows of the last position read are still read, so a position is never split between reads.
   */
  public Result read(Window w, long limit, RowSink sink) {
    try (Connection con = connect()) {
      con.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
      Map<String, String> types = columnTypes(con);
      List<String> extra = new ArrayList<>();
      types.keySet().stream().filter(c -> layout.indexOf(c) < 0).forEach(extra::add);
      for (Field f : layout.columns()) {
        if (!types.containsKey(f.name())) {
          throw new SourceSchemaException(
              "source " + name() + ": " + relationText() + " has no column '" + f.name() + "'");
        }
      }
      String positionType = checkTimestamp(types, positionField());
      String eventType = checkTimestamp(types, layout.source().timestampField());
      Result result = stream(con, w, limit, positionType, eventType, sink);
      con.rollback();
      return new Result(extra, result.greatestPosition(), result.more());
    } catch (SQLException e) {
      throw new SourceReadException(
          "source " + name() + ": reading " + relationText() + " failed: " + e.getMessage(), e);
    }
  }

  private Result stream(
      Connection con, Window w, long limit, String posType, String evType, RowSink sink)
      throws SQLException {
    List<Object> args = new ArrayList<>();
    List<String> types = new ArrayList<>();
    StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
    String pos = positionExpression();
    String ev = quote(layout.source().timestampField());
    bound(where, args, types, pos + " >= ?", w.from(), posType);
    bound(where, args, types, pos + " <= ?", w.to(), posType);
    bound(where, args, types, ev + " >= ?", w.eventStart(), evType);
    bound(where, args, types, ev + " < ?", w.eventEnd(), evType);
    StringJoiner cols = new StringJoiner(", ");
    layout.columns().forEach(f -> cols.add(quote(f.name())));
    String sql =
        "SELECT "
            + cols
            + ", "
            + pos
            + " AS "
            + POSITION
            + " FROM "
            + relation()
            + " q"
            + where
            + " ORDER BY "
            + POSITION;
    try (PreparedStatement s = con.prepareStatement(sql)) {
      s.setFetchSize(fetchSize);
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, bind((Instant) args.get(i), types.get(i)));
      }
      try (ResultSet rs = s.executeQuery()) {
        return rows(rs, limit, sink);
      }
    }
  }

  private Result rows(ResultSet rs, long limit, RowSink sink) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<Field> columns = layout.columns();
    int n = columns.size();
    Instant greatest = null;
    long read = 0;
    while (rs.next()) {
      Instant position = instant(rs, n + 1, md.getColumnTypeName(n + 1));
      if (limit > 0
          && read >= limit
          && position != null
          && greatest != null
          && position.isAfter(greatest)) {
        return new Result(List.of(), greatest, true);
      }
      read++;
      greatest =
          position == null || (greatest != null && !position.isAfter(greatest))
              ? greatest
              : position;
      Object[] row = layout.newRow();
      String reason = null;
      for (int i = 0; i < n && reason == null; i++) {
        try {
          row[i] = value(rs, i + 1, columns.get(i).type(), md.getColumnTypeName(i + 1));
        } catch (IllegalArgumentException | ArithmeticException | ClassCastException e) {
          reason = "column " + columns.get(i).name() + ": " + e.getMessage();
        }
      }
      Object[] done = reason == null ? layout.complete(row) : null;
      if (done != null) {
        sink.accept(done);
      } else {
        sink.reject(
            relationText() + "@" + position,
            reason != null ? reason : layout.missingTimeReason(),
            recordText(rs, n));
      }
    }
    return new Result(List.of(), greatest, false);
  }

  private static Object value(ResultSet rs, int i, ValueType type, String pgType)
      throws SQLException {
    Object v = type == ValueType.TIMESTAMP ? instantOrText(rs, i, pgType) : rs.getObject(i);
    if (v instanceof java.sql.Array a) {
      v = java.util.Arrays.asList((Object[]) a.getArray());
    }
    return Values.coerce(type, v);
  }

  private static Object instantOrText(ResultSet rs, int i, String pgType) throws SQLException {
    Instant t = instant(rs, i, pgType);
    return t != null || isTimestamp(pgType) ? t : rs.getString(i);
  }

  private static Instant instant(ResultSet rs, int i, String pgType) throws SQLException {
    if (pgType.equals("timestamptz")) {
      OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
      return t == null ? null : t.toInstant();
    }
    if (pgType.equals("timestamp")) {
      LocalDateTime t = rs.getObject(i, LocalDateTime.class);
      return t == null ? null : t.toInstant(ZoneOffset.UTC); // a zone-less timestamp is UTC
    }
    return null;
  }

  private static Object bind(Instant t, String pgType) {
    return pgType.equals("timestamptz")
        ? t.atOffset(ZoneOffset.UTC)
        : LocalDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  private static void bound(
      StringJoiner where, List<Object> args, List<String> types, String cond, Instant v, String t) {
    if (v != null) {
      where.add(cond);
      args.add(v);
      types.add(t);
    }
  }

  private static String recordText(ResultSet rs, int n) throws SQLException {
    StringJoiner out = new StringJoiner(",");
    for (int i = 1; i <= n; i++) {
      String s = rs.getString(i);
      out.add(s == null ? "" : s);
    }
    return out.toString();
  }

  private Map<String, String> columnTypes(Connection con) throws SQLException {
    try (PreparedStatement s = con.prepareStatement("SELECT * FROM " + relation() + " q LIMIT 0");
        ResultSet rs = s.executeQuery()) {
      ResultSetMetaData md = rs.getMetaData();
      Map<String, String> types = new HashMap<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        types.put(md.getColumnLabel(i), md.getColumnTypeName(i));
      }
      return types;
    }
  }

  private String checkTimestamp(Map<String, String> types, String column) {
    String t = types.get(column);
    if (!isTimestamp(t)) {
      throw new SourceSchemaException(
          "source "
              + name()
              + ": column '"
              + column
              + "' of "
              + relationText()
              + " is "
              + t
              + "; incremental reads need timestamp or timestamptz");
    }
    return t;
  }

  private static boolean isTimestamp(String pgType) {
    return pgType.equals("timestamptz") || pgType.equals("timestamp");
  }

  private String positionField() {
    String created = layout.source().createdTimestampField();
    return created != null ? created : layout.source().timestampField();
  }

  private String positionExpression() {
    String ev = quote(layout.source().timestampField());
    String created = layout.source().createdTimestampField();
    return created == null ? ev : "COALESCE(" + quote(created) + ", " + ev + ")";
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    credentials.ifPresent(
        c -> {
          p.setProperty("user", c.user());
          p.setProperty("password", c.password());
        });
    return DriverManager.getConnection(jdbcUrl, p);
  }

  private String relation() {
    DataSource s = layout.source();
    if (s.query() != null) {
      return "(" + s.query() + ")";
    }
    StringJoiner parts = new StringJoiner(".");
    for (String part : s.table().split("\\.")) {
      parts.add(quote(part));
    }
    return parts.toString();
  }

  private String relationText() {
    DataSource s = layout.source();
    return s.table() != null ? "table " + s.table() : "its query";
  }

  private String name() {
    return layout.source().name();
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
