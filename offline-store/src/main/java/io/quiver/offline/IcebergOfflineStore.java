package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Quiver's offline store over one Iceberg catalog: each method hands its work to the one class that
 * does it (a one-line delegation), so callers hold one object.
 */
public final class IcebergOfflineStore implements AutoCloseable {
  private final Catalog catalog;
  private final EnsureTable ensureTable;
  private final AppendBatch appendBatch;
  private final AppendCurated appendCurated;
  private final PlanSnapshot planSnapshot;
  private final TagSnapshot tagSnapshot;
  private final ScanTable scanTable;

  public IcebergOfflineStore(Catalog catalog) {
    this.catalog = catalog;
    this.ensureTable = new EnsureTable(catalog);
    this.appendBatch = new AppendBatch(catalog);
    this.appendCurated = new AppendCurated(catalog);
    this.planSnapshot = new PlanSnapshot(catalog);
    this.tagSnapshot = new TagSnapshot(catalog);
    this.scanTable = new ScanTable(catalog);
  }

  /** See {@link IcebergCatalogs#open(String, String)}. */
  public static IcebergOfflineStore open(String catalogJdbcUrl, String warehouse) {
    return new IcebergOfflineStore(IcebergCatalogs.open(catalogJdbcUrl, warehouse));
  }

  public Catalog catalog() {
    return catalog;
  }

  public Table ensureTable(TableSpec spec) {
    return ensureTable.apply(spec);
  }

  public AppendResult append(TableSpec spec, String batchId, Iterable<Object[]> rows) {
    return appendBatch.append(spec, batchId, rows);
  }

  public AppendResult append(
      TableSpec spec, String batchId, Iterable<Object[]> rows, Map<String, String> summary) {
    return appendBatch.append(spec, batchId, rows, summary);
  }

  /** {@link #append(TableSpec, String, Iterable, Map)} of rows held by column. */
  public AppendResult append(
      TableSpec spec, String batchId, ColumnarRows rows, Map<String, String> summary) {
    return appendBatch.append(spec, batchId, rows, summary);
  }

  public AppendResult appendCurated(
      CuratedTableSpec spec, String batchId, Iterable<Object[]> rows) {
    return appendCurated.append(spec, batchId, rows);
  }

  /**
   * Appends rows the caller has already made free of exact duplicates (with {@link RowKey}), so a
   * large batch is not hashed twice.
   */
  public AppendResult appendCuratedDistinct(
      CuratedTableSpec spec, String batchId, ColumnarRows rows) {
    return appendBatch.append(spec, batchId, rows, Map.of());
  }

  public TablePlan plan(TableIdentifier table, Long snapshotIdOrNull) {
    return planSnapshot.plan(table, snapshotIdOrNull);
  }

  public void tagSnapshot(TableIdentifier table, long snapshotId, String tagName) {
    tagSnapshot.tag(table, snapshotId, tagName);
  }

  public List<Map<String, Object>> scan(TableIdentifier table, Long snapshotIdOrNull) {
    return scanTable.scan(table, snapshotIdOrNull);
  }

  @Override
  public void close() {
    if (catalog instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (Exception e) {
        throw new IllegalStateException("closing the catalog failed", e);
      }
    }
  }
}
