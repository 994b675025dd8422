package io.quiver.offline;

import java.util.List;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Where the quality gate keeps a batch it held back: {@code quarantine__<view>}, with the columns
 * of the batch (the source or feature rows the gate checked) all optional, so that rows the gate
 * rejected for nulls land too. Partitioned like the batch. The quality report travels in the
 * snapshot summary ({@link AppendBatch#append(TableSpec, String, Iterable, java.util.Map)}).
 */
public record QuarantineTableSpec(String project, String view, TableSpec batch)
    implements TableSpec {

  public QuarantineTableSpec {
    TableNames.quarantine(project, view); // validates the names
  }

  @Override
  public TableIdentifier identifier() {
    return TableNames.quarantine(project, view);
  }

  @Override
  public List<Column> columns() {
    return batch.columns();
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of();
  }

  @Override
  public String partitionColumn() {
    return batch.partitionColumn();
  }
}
