package io.quiver.offline;

import static io.quiver.offline.StandardColumns.CREATED_TIMESTAMP;
import static io.quiver.offline.StandardColumns.EVENT_TIMESTAMP;

import io.quiver.core.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * The curated table of one data source: its columns (all optional), then the required {@code
 * event_timestamp} and {@code created_timestamp}; partitioned by day of {@code event_timestamp}.
 */
public record CuratedTableSpec(String project, String source, List<Column> sourceColumns)
    implements TableSpec {

  public CuratedTableSpec {
    sourceColumns = List.copyOf(sourceColumns);
    TableNames.curated(project, source); // validates the names
    Specs.requireUniqueNames(withTimestamps(sourceColumns));
  }

  @Override
  public TableIdentifier identifier() {
    return TableNames.curated(project, source);
  }

  @Override
  public List<Column> columns() {
    return withTimestamps(sourceColumns);
  }

  @Override
  public Set<String> requiredColumns() {
    return Set.of(EVENT_TIMESTAMP, CREATED_TIMESTAMP);
  }

  @Override
  public String partitionColumn() {
    return EVENT_TIMESTAMP;
  }

  private static List<Column> withTimestamps(List<Column> sourceColumns) {
    List<Column> columns = new ArrayList<>(sourceColumns);
    columns.add(Column.of(EVENT_TIMESTAMP, ValueType.TIMESTAMP));
    columns.add(Column.of(CREATED_TIMESTAMP, ValueType.TIMESTAMP));
    return List.copyOf(columns);
  }
}
