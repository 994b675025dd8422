package io.quiver.core.quality;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.Values;

/**
 * One column of a batch held by column, for {@link QualityProfiler#addColumns}: a row's value by
 * index, so that a columnar batch is checked without a boxed row per row. The column's {@link
 * ValueType} decides which accessor the profiler reads, and it reads one only for a row that is not
 * null: {@link #longAt} for INT64, and for TIMESTAMP in epoch microseconds; {@link #doubleAt} for
 * DOUBLE; {@link #valueAt}, the canonical value ({@link Values}), for every other type.
 */
public interface ColumnValues {

  boolean isNull(int row);

  long longAt(int row);

  double doubleAt(int row);

  Object valueAt(int row);
}
