package io.quiver.materializer.source;

import io.quiver.core.model.Field;
import io.quiver.core.quality.ColumnValues;
import io.quiver.core.quality.QualityProfiler;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ColumnBatch}'s columns as {@link QualityProfiler#addColumns} reads them, so that the
 * quality gate reads the arrays in place: {@link ColumnBatch#get} built a row of boxed values (an
 * Instant per timestamp) for every row, checked columns or not.
 */
public final class ColumnBatchValues implements ColumnValues {
  private final ColumnBatch batch;
  private final int column;
  private final long[] longs;
  private final double[] doubles;

  private ColumnBatchValues(ColumnBatch batch, int column) {
    this.batch = batch;
    this.column = column;
    ColumnBatch.Kind kind = batch.kind(column);
    this.longs =
        kind == ColumnBatch.Kind.LONG || kind == ColumnBatch.Kind.TIME ? batch.longs(column) : null;
    this.doubles = kind == ColumnBatch.Kind.DOUBLE ? batch.doubles(column) : null;
  }

  /**
   * The batch's columns, which hold {@code fields} in order.
   *
   * @throws IllegalArgumentException when a column does not hold its field's type the way the
   *     profiler reads it (INT64 and TIMESTAMP as longs, DOUBLE as doubles)
   */
  public static List<ColumnValues> of(ColumnBatch batch, List<Field> fields) {
    if (fields.size() != batch.width()) {
      throw new IllegalArgumentException(
          fields.size() + " fields for a batch of " + batch.width() + " columns");
    }
    List<ColumnValues> columns = new ArrayList<>(fields.size());
    for (int c = 0; c < fields.size(); c++) {
      if (batch.kind(c) != ColumnBatch.Kind.of(fields.get(c).type())) {
        throw new IllegalArgumentException(
            "column " + c + " holds " + batch.kind(c) + " values, not " + fields.get(c));
      }
      columns.add(new ColumnBatchValues(batch, c));
    }
    return columns;
  }

  @Override
  public boolean isNull(int row) {
    return batch.isNull(column, row);
  }

  @Override
  public long longAt(int row) {
    return longs[row];
  }

  @Override
  public double doubleAt(int row) {
    return doubles[row];
  }

  @Override
  public Object valueAt(int row) {
    return batch.value(column, row);
  }
}
