package io.quiver.offline;

import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Tags a snapshot so that snapshot expiry never removes it (a tag without a max age is kept
 * forever). A dataset manifest tags every snapshot it names. Tagging again with the same name and
 * snapshot is a no-op; the same name on another snapshot is refused.
 */
public final class TagSnapshot {
  private final Catalog catalog;

  public TagSnapshot(Catalog catalog) {
    this.catalog = catalog;
  }

  public void tag(TableIdentifier id, long snapshotId, String tagName) {
    Table table = catalog.loadTable(id);
    SnapshotRef existing = table.refs().get(tagName);
    if (existing != null && existing.isTag() && existing.snapshotId() == snapshotId) {
      return;
    }
    if (existing != null) {
      throw new IllegalStateException(
          "table "
              + id
              + " already has a ref "
              + tagName
              + " on snapshot "
              + existing.snapshotId());
    }
    if (table.snapshot(snapshotId) == null) {
      throw new IllegalArgumentException("table " + id + " has no snapshot " + snapshotId);
    }
    table.manageSnapshots().createTag(tagName, snapshotId).commit();
  }
}
