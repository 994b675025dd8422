package io.quiver.export.engine;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the dataset: every entity row once, ordered by input position, its own columns first and
 * then the requested features. Parquet with pinned settings (zstd, row groups of {@value
 * #ROW_GROUP_SIZE} rows, one writer thread) so the same rows give the same bytes; CSV per RFC 4180
 * with a header, empty fields for null, ISO-8601 UTC timestamps, lists as JSON arrays, bytes as
 * base64.
 */
final class DatasetWriter {
  static final int ROW_GROUP_SIZE = 122_880;
  private final Connection c;
  private final PointInTimeQuery query;
  private final List<String> own;
  private final List<String> tables;

  DatasetWriter(Connection c, PointInTimeQuery query, List<String> own, List<String> tables) {
    this.c = c;
    this.query = query;
    this.own = own;
    this.tables = tables;
  }

  long write(OutputFormat format, Path file) throws SQLException {
    String select = select();
    String sql =
        format == OutputFormat.PARQUET
            ? "COPY (SELECT * EXCLUDE (__row) FROM ("
                + select
                + ") ORDER BY __row) TO "
                + Sql.literal(file.toString())
                + " (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE "
                + ROW_GROUP_SIZE
                + ")"
            : "COPY ("
                + csvProjection(select)
                + ") TO "
                + Sql.literal(file.toString())
                + " (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULLSTR '')";
    try (Statement s = c.createStatement()) {
      // Row groups depend on how work is split between threads: one thread pins the bytes.
      s.execute("SET threads = 1");
      s.execute(sql);
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM entities")) {
        r.next();
        return r.getLong(1);
      }
    }
  }

  private String select() {
    Map<String, String> features = new HashMap<>();
    for (int i = 0; i < query.views().size(); i++) {
      ViewRead view = query.views().get(i);
      for (FeatureRead f : view.features()) {
        String col = "v" + i + "." + Sql.ident(f.outputColumn());
        features.put(
            f.outputColumn(), view.isAggregation() ? ResultText.readBack(f.type(), col) : col);
      }
    }
    List<String> cols = new ArrayList<>(List.of("e.__row AS __row"));
    own.forEach(o -> cols.add("e." + Sql.ident(o)));
    for (String out : query.outputColumns()) {
      if (own.contains(out)) {
        throw new BadExportInputException(out, "the entity input already has a column " + out);
      }
      cols.add(features.get(out) + " AS " + Sql.ident(out));
    }
    StringBuilder sql = new StringBuilder("SELECT " + String.join(", ", cols) + " FROM entities e");
    for (int i = 0; i < tables.size(); i++) {
      sql.append(" LEFT JOIN ")
          .append(Sql.ident(tables.get(i)))
          .append(" v")
          .append(i)
          .append(" ON v")
          .append(i)
          .append(".__row = e.__row");
    }
    return sql.toString();
  }

  private String csvProjection(String select) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE " + select)) {
      while (r.next()) {
        types.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    List<String> cols = new ArrayList<>();
    types.remove("__row");
    types.forEach(
        (name, type) -> cols.add(csvValue(Sql.ident(name), type) + " AS " + Sql.ident(name)));
    return "SELECT " + String.join(", ", cols) + " FROM (" + select + ") ORDER BY __row";
  }

  private static String csvValue(String col, String type) {
    if (type.startsWith("TIMESTAMP")) {
      return "strftime(" + col + "::TIMESTAMPTZ, '%Y-%m-%dT%H:%M:%S.%fZ')";
    }
    if (type.endsWith("[]")) {
      return "to_json(" + col + ")::VARCHAR";
    }
    if (type.equals("BLOB")) {
      return "to_base64(" + col + ")";
    }
    return col;
  }
}
