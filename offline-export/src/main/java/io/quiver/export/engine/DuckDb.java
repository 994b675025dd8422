package io.quiver.export.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBDriver;

/**
 * An in-memory DuckDB connection straight from the driver. Not through {@code DriverManager}: it
 * registers drivers once per JVM and then refuses them to callers from another class loader, which
 * is what a Quarkus test run next to plain tests is ("No suitable driver found for jdbc:duckdb:").
 */
public final class DuckDb {
  private DuckDb() {}

  public static Connection inMemory() throws SQLException {
    return new DuckDBDriver().connect("jdbc:duckdb:", new Properties());
  }
}
