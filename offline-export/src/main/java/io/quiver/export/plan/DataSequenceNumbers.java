package io.quiver.export.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Each data file's Iceberg data sequence number at a snapshot, keyed like {@code
 * TablePlan.dataFiles()} (local paths for {@code file:} locations): for tile tables, where the row
 * from the newest snapshot is the current tile.
 */
public final class DataSequenceNumbers {
  private DataSequenceNumbers() {}

  public static Map<String, Long> of(Catalog catalog, TableIdentifier id, long snapshotId) {
    Table table = catalog.loadTable(id);
    Map<String, Long> seq = new HashMap<>();
    try (CloseableIterable<FileScanTask> tasks =
        table.newScan().useSnapshot(snapshotId).planFiles()) {
      for (FileScanTask t : tasks) {
        String location = t.file().location();
        String path =
            location.startsWith("file:") ? Path.of(URI.create(location)).toString() : location;
        seq.put(path, t.file().dataSequenceNumber());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("planning " + id + " failed", e);
    }
    return seq;
  }
}
