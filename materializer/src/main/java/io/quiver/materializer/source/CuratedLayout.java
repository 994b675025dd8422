package io.quiver.materializer.source;

import io.quiver.core.model.DataSource;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.offline.Column;
import io.quiver.offline.CuratedTableSpec;
import io.quiver.offline.StandardColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A source's rows as the pipeline carries them: the declared columns in declared order, then {@code
 * event_timestamp} and {@code created_timestamp} (the curated table's row), so one array per row
 * flows from the reader to Iceberg with no copy.
 */
public final class CuratedLayout {
  private final DataSource source;
  private final List<Field> columns;
  private final int eventIndex;
  private final int createdIndex;

  public CuratedLayout(DataSource source) {
    this.source = source;
    this.columns = source.schema();
    this.eventIndex = indexOf(source.timestampField(), "timestampField");
    this.createdIndex = indexOf(source.effectiveCreatedField(), "createdTimestampField");
  }

  private int indexOf(String name, String setting) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        if (columns.get(i).type() != ValueType.TIMESTAMP) {
          throw new SourceSchemaException(
              "source " + source.name() + ": " + setting + " " + name + " is not a TIMESTAMP");
        }
        return i;
      }
    }
    throw new SourceSchemaException(
        "source " + source.name() + ": " + setting + " " + name + " is not in its schema");
  }

  public DataSource source() {
    return source;
  }

  /** The declared source columns, in order. */
  public List<Field> columns() {
    return columns;
  }

  /** Every column of a row, the two standard timestamps included. */
  public List<Field> rowFields() {
    List<Field> all = new ArrayList<>(columns);
    all.add(new Field(StandardColumns.EVENT_TIMESTAMP, ValueType.TIMESTAMP));
    all.add(new Field(StandardColumns.CREATED_TIMESTAMP, ValueType.TIMESTAMP));
    return all;
  }

  public int width() {
    return columns.size() + 2;
  }

  public int indexOf(String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The declared column that holds the event time. */
  public int declaredEventIndex() {
    return eventIndex;
  }

  /** The declared column that holds the created time (the event time's when none is declared). */
  public int declaredCreatedIndex() {
    return createdIndex;
  }

  public int eventTimeIndex() {
    return columns.size();
  }

  public int createdTimeIndex() {
    return columns.size() + 1;
  }

  public CuratedTableSpec spec(String project) {
    List<Column> cols = columns.stream().map(f -> Column.of(f.name(), f.type())).toList();
    return new CuratedTableSpec(project, source.name(), cols);
  }

  /** A fresh row to fill in the declared columns of. */
  public Object[] newRow() {
    return new Object[width()];
  }

  /**
   * Sets the standard timestamps of a filled row; null when its event time is missing (the reason
   * then is {@link #missingTimeReason()}).
   */
  public Object[] complete(Object[] row) {
    Instant event = (Instant) row[eventIndex];
    if (event == null) {
      return null;
    }
    Instant created = (Instant) row[createdIndex];
    row[columns.size()] = event;
    row[columns.size() + 1] = created == null ? event : created;
    return row;
  }

  public String missingTimeReason() {
    return "column " + source.timestampField() + " (the event time) is null";
  }
}
