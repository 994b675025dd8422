package io.quiver.offline;

import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The outcome of an append: the snapshot that holds the batch, and whether this call committed it
 * ({@code false}: a snapshot with the same batch id was already there, nothing was written).
 */
public record AppendResult(
    TableIdentifier table,
    String batchId,
    long snapshotId,
    boolean committed,
    long rows,
    int files) {

  static AppendResult alreadyCommitted(TableIdentifier table, String batchId, long snapshotId) {
    return new AppendResult(table, batchId, snapshotId, false, 0, 0);
  }
}
