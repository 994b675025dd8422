package io.quiver.offline;

/**
 * A batch of rows held by column, in a table spec's column order, which an append reads in place:
 * building each row as an array of canonical values, its timestamps as {@code Instant}s that the
 * writer turned back into microseconds, was a large part of appending millions of rows.
 */
public interface ColumnarRows {
  int size();

  /** Whether row {@code row}'s value of column {@code column} is null. */
  boolean isNull(int column, int row);

  /** A TIMESTAMP column's non-null value, in epoch microseconds. */
  long micros(int column, int row);

  /**
   * Any other column's non-null value, as a canonical Java value (what {@link AppendBatch}'s row
   * arrays hold).
   */
  Object value(int column, int row);

  /** An INT64 column's non-null value; by default {@link #value} unboxed. */
  default long longValue(int column, int row) {
    return (Long) value(column, row);
  }

  /** A DOUBLE column's non-null value; by default {@link #value} unboxed. */
  default double doubleValue(int column, int row) {
    return (Double) value(column, row);
  }
}
