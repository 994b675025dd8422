package io.quiver.offline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.catalog.Catalog;

/**
 * Appends a batch of validated source events to the source's curated table, dropping exact
 * duplicate records within the batch (corrections, which differ at least in {@code
 * created_timestamp}, are kept). Duplicates of records committed by earlier batches are not looked
 * for: that needs a read of the table; a re-run of the same batch is caught by its batch id.
 */
public final class AppendCurated {
  private final AppendBatch appendBatch;

  public AppendCurated(Catalog catalog) {
    this.appendBatch = new AppendBatch(catalog);
  }

  public AppendResult append(CuratedTableSpec spec, String batchId, Iterable<Object[]> rows) {
    return appendBatch.append(spec, batchId, distinct(rows));
  }

  static List<Object[]> distinct(Iterable<Object[]> rows) {
    Set<RowKey> seen = new HashSet<>();
    List<Object[]> distinct = new ArrayList<>();
    for (Object[] row : rows) {
      if (seen.add(new RowKey(row))) {
        distinct.add(row);
      }
    }
    return distinct;
  }
}
