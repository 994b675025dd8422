package io.quiver.offline;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;
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

  /**
   * The DuckDB table function reading these files: {@code union_by_name} matches columns by name
   * across schema versions; {@code hive_partitioning=false} because DuckDB would otherwise add the
   * {@code <column>_day=...} folder names of Iceberg's layout as an extra column. An empty plan has
   * no such expression (DuckDB refuses an empty list): the caller reads it as no rows.
   */
  public String duckDbReadParquet() {
    if (dataFiles.isEmpty()) {
      throw new IllegalStateException("table " + table + " has no data files at this snapshot");
    }
    return dataFiles.stream()
        .map(file -> "'" + file.replace("'", "''") + "'")
        .collect(
            Collectors.joining(
                ", ", "read_parquet([", "], union_by_name=true, hive_partitioning=false)"));
  }
}
