package io.quiver.export.engine;

import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.StackEndpoints;
import io.quiver.offline.IcebergOfflineStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The real Iceberg store over the devstack's PostgreSQL, a DuckDB engine, and DuckDB readers. */
final class EngineFixture {
  private static IcebergOfflineStore store;

  private EngineFixture() {}

  static synchronized IcebergOfflineStore store() {
    if (store == null) {
      StackEndpoints stack = DevStack.shared(java.util.EnumSet.of(Component.POSTGRES));
      store = IcebergOfflineStore.open(stack.catalog().withCredentials(), stack.warehouse());
    }
    return store;
  }

  static String newProject() {
    return "e_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static PointInTimeEngine engine() {
    return engine(SelectStrategy.AUTO);
  }

  static PointInTimeEngine engine(SelectStrategy strategy) {
    return new DuckDbPointInTimeEngine(new DuckDbSettings("512MB", 2, tempDir("spill")), strategy);
  }

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory("quiver-export-test-" + prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a DuckDB statement (e.g. a COPY turning a CSV into Parquet). */
  static void duck(String sql) {
    try (Connection c = DuckDb.inMemory();
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every row of a query, as lists of JDBC objects, in the query's order. */
  static List<List<Object>> rows(String sql) {
    try (Connection c = DuckDb.inMemory();
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      try (ResultSet r = s.executeQuery(sql)) {
        List<List<Object>> rows = new ArrayList<>();
        int n = r.getMetaData().getColumnCount();
        while (r.next()) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            row.add(r.getObject(i));
          }
          rows.add(row);
        }
        return rows;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
