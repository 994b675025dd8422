package io.quiver.offline;

import java.util.List;
import java.util.OptionalLong;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * What an export reads from one table: the snapshot, the columns of that snapshot's schema, and the
 * data files it is made of, as local paths or URIs for DuckDB's {@code read_parquet([...],
 * union_by_name=true)}. Files written before a column was added lack it (read as null); files
 * written before a widening hold the narrower type (DuckDB's union widens it). An empty table has
 * no snapshot and no files.
 */
public record TablePlan(
    TableIdentifier table, OptionalLong snapshotId, List<Column> columns, List<String> dataFiles) {
  public TablePlan {
    columns = List.copyOf(columns);
    dataFiles = List.copyOf(dataFiles);
  }
}
