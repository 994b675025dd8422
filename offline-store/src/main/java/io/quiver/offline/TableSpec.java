package io.quiver.offline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What an offline table must look like: its name, its columns in row order, which of them may never
 * be null, and the timestamp column it is partitioned on by day.
 *
 * <p>Rows handed to {@link AppendBatch} are {@code Object[]} in {@link #columns()} order.
 */
public interface TableSpec {
  TableIdentifier identifier();

  /** All columns, in the order of the values in a row. */
  List<Column> columns();

  /** Columns created {@code required}; every other column is optional (nullable). */
  Set<String> requiredColumns();

  /** A TIMESTAMP column of {@link #columns()}; the table is partitioned by its UTC day. */
  String partitionColumn();

  /** Iceberg table properties of this kind of table, beyond those every Quiver table has. */
  default Map<String, String> properties() {
    return Map.of();
  }
}
