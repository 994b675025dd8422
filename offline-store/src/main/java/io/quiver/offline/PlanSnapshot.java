package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/** Plans the data files of a table at a snapshot (the current one when none is given). */
public final class PlanSnapshot {
  private final Catalog catalog;

  public PlanSnapshot(Catalog catalog) {
    this.catalog = catalog;
  }

  public TablePlan plan(TableIdentifier id, Long snapshotIdOrNull) {
    Table table = catalog.loadTable(id);
    Snapshot snapshot =
        snapshotIdOrNull == null ? table.currentSnapshot() : table.snapshot(snapshotIdOrNull);
    if (snapshot == null && snapshotIdOrNull != null) {
      throw new IllegalArgumentException(
          "table " + id + " has no snapshot " + snapshotIdOrNull + " (expired, or never made)");
    }
    if (snapshot == null) {
      return new TablePlan(id, OptionalLong.empty(), columns(table.schema()), List.of());
    }
    Schema schema = table.schemas().get(snapshot.schemaId());
    return new TablePlan(
        id, OptionalLong.of(snapshot.snapshotId()), columns(schema), files(table, snapshot));
  }

  private static List<String> files(Table table, Snapshot snapshot) {
    List<String> files = new ArrayList<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshot.snapshotId()).planFiles()) {
      for (FileScanTask task : tasks) {
        if (!task.deletes().isEmpty()) {
          // DuckDB's read_parquet would ignore them and return deleted rows.
          throw new IllegalStateException(
              "table " + table.name() + " has delete files; offline tables must be append-only");
        }
        files.add(readablePath(task.file().location()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning " + table.name() + " failed", e);
    }
    return files;
  }

  /** {@code file:} locations become plain local paths; other URIs (s3://) stay as they are. */
  static String readablePath(String location) {
    return location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
  }

  private static List<Column> columns(Schema schema) {
    List<Column> columns = new ArrayList<>();
    for (Types.NestedField field : schema.columns()) {
      columns.add(Column.of(field.name(), IcebergTypes.valueType(field.name(), field.type())));
    }
    return columns;
  }
}
