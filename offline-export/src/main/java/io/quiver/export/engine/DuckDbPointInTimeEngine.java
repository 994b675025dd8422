package io.quiver.export.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-machine engine: an in-memory DuckDB per export that spills to disk past its memory limit,
 * reading the Parquet files Iceberg planned. Select views by {@link SelectJoin}, aggregation views
 * by {@link AggregationJoin}; then {@link DatasetWriter} writes the file.
 */
public final class DuckDbPointInTimeEngine implements PointInTimeEngine {
  private final DuckDbSettings settings;
  private final SelectStrategy strategy;

  public DuckDbPointInTimeEngine(DuckDbSettings settings) {
    this(settings, SelectStrategy.AUTO);
  }

  /** With a fixed strategy for select views (tests run each; benchmarks compare them). */
  public DuckDbPointInTimeEngine(DuckDbSettings settings, SelectStrategy strategy) {
    this.settings = settings;
    this.strategy = strategy;
  }

  @Override
  public void validate(PointInTimeQuery query) {
    try (Connection c = open()) {
      EntityTable.load(c, query);
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed while reading the entity input", e);
    }
  }

  @Override
  public long export(PointInTimeQuery query, OutputFormat format, Path target, Progress progress) {
    Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
    try (Connection c = open()) {
      List<String> own = EntityTable.load(c, query);
      progress.report(0.1);
      EntityTimes times = EntityTimes.of(c);
      SelectViewJoin select = new SelectViewJoin(c, strategy);
      List<String> tables = new ArrayList<>();
      for (int i = 0; i < query.views().size(); i++) {
        String table = "__view_" + i;
        joinView(c, select, table, query.views().get(i), query.leakageGuard(), times);
        tables.add(table);
        progress.report(0.1 + 0.8 * (i + 1) / query.views().size());
      }
      long rows = new DatasetWriter(c, query, own, tables).write(format, partial);
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
      progress.report(1.0);
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("DuckDB failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("writing " + target + " failed", e);
    } finally {
      deleteQuietly(partial);
    }
  }

  private static void joinView(
      Connection c,
      SelectViewJoin select,
      String table,
      ViewRead view,
      boolean guard,
      EntityTimes times)
      throws SQLException {
    if (view.isAggregation()) {
      AggregationJoin.createTable(c, table, view);
    } else if (view.table().dataFiles().isEmpty()) {
      try (Statement s = c.createStatement()) {
        s.execute(EmptyView.createTable(table, view));
      }
    } else {
      select.create(table, view, guard, times);
    }
  }

  private Connection open() throws SQLException {
    Connection c = DuckDb.inMemory();
    try (Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      s.execute("SET memory_limit = " + Sql.literal(settings.memoryLimit()));
      s.execute("SET threads = " + settings.threads());
      s.execute("SET temp_directory = " + Sql.literal(settings.tempDirectory().toString()));
      s.execute("SET preserve_insertion_order = true");
      s.execute("SET autoinstall_known_extensions = false");
      s.execute("SET autoload_known_extensions = false");
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // best effort: a leftover partial file has a dot name and is never a dataset
    }
  }
}
