package io.quiver.core.quality;

import io.quiver.core.model.Expectation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A view's expectations checked over one batch in one pass: {@link #add} each row as the pipeline
 * streams it, or {@link #addColumns} a batch held by column, then {@link #report}. Holds a few
 * counters per expectation, plus the distinct values of columns with a uniqueness check. Not
 * thread-safe: one profiler per batch and thread.
 *
 * <p>Observed value per check: completeness, the share of non-null values; uniqueness, the number
 * of repeated rows; min / max, the batch minimum / maximum; mean, the mean; allowed_values and
 * pattern, the number of offending values; row_count, the row count. Nulls are skipped by every
 * check but completeness. min, max and mean need a numeric column (min and max also a TIMESTAMP
 * column, compared as epoch microseconds: bounds are then epoch microseconds too), pattern a STRING
 * column, allowed_values a scalar column other than BYTES.
 */
public final class QualityProfiler {
  private final List<Check> checks = new ArrayList<>();
  private final int[] positions; // per check, the column's index in a row; -1 for row_count
  private final String[] names;
  private final ValueType[] types;
  private final int width;
  private long rows;

  private QualityProfiler(List<Expectation> expectations, List<Field> columns) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      index.put(columns.get(i).name(), i);
    }
    positions = new int[expectations.size()];
    names = new String[expectations.size()];
    types = new ValueType[expectations.size()];
    width = columns.size();
    for (int i = 0; i < expectations.size(); i++) {
      Expectation e = expectations.get(i);
      Integer position = e.check().equals("row_count") ? null : index.get(e.column());
      if (position == null && !e.check().equals("row_count")) {
        throw new IllegalArgumentException(
            "expectations[" + i + "] checks column " + e.column() + ", which the batch lacks");
      }
      positions[i] = position == null ? -1 : position;
      names[i] = e.column();
      types[i] = position == null ? null : columns.get(position).type();
      checks.add(
          check("expectations[" + i + "]", e, position == null ? null : columns.get(position)));
    }
  }

  /**
   * A profiler for batches whose rows hold {@code columns}, in that order.
   *
   * @throws IllegalArgumentException naming the expectation when it checks a column the batch does
   *     not have, an unknown check, or a column of a type the check cannot read
   */
  public static QualityProfiler of(List<Expectation> expectations, List<Field> columns) {
    return new QualityProfiler(List.copyOf(expectations), List.copyOf(columns));
  }

  private static Check check(String at, Expectation e, Field column) {
    try {
      return switch (e.check()) {
        case "completeness" -> new CompletenessCheck(e);
        case "uniqueness" -> new UniquenessCheck(e);
        case "min", "max" -> new RangeCheck(e, require(column, numericOrTime(column), e));
        case "mean" -> new MeanCheck(e, require(column, column.type().isNumeric(), e));
        case "allowed_values" -> new AllowedValuesCheck(e, require(column, scalar(column)));
        case "pattern" -> {
          require(column, column.type() == ValueType.STRING);
          yield new PatternCheck(e);
        }
        case "row_count" -> new RowCountCheck(e);
        default ->
            throw new IllegalArgumentException("unknown check; one of " + Expectation.CHECKS);
      };
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(at + " (" + e.check() + "): " + ex.getMessage(), ex);
    }
  }

  private static Field require(Field column, boolean readable) {
    if (!readable) {
      throw new IllegalArgumentException(
          "cannot check column " + column.name() + " of type " + column.type());
    }
    return column;
  }

  private static Field require(Field column, boolean readable, Expectation bounded) {
    if (bounded.min() == null && bounded.max() == null) {
      throw new IllegalArgumentException("give min, max or both");
    }
    return require(column, readable);
  }

  private static boolean numericOrTime(Field column) {
    return column.type().isNumeric() || column.type() == ValueType.TIMESTAMP;
  }

  private static boolean scalar(Field column) {
    return !column.type().isList() && column.type() != ValueType.BYTES;
  }

  /** One row, its values in the order of the columns given to {@link #of}. */
  public void add(Object[] row) {
    if (row.length != width) {
      throw new IllegalArgumentException(
          "a row has " + row.length + " values, the batch has " + width + " columns");
    }
    rows++;
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        checks.get(i).accept(row[positions[i]]);
      }
    }
  }

  /** One row, read by column name; only the checked columns are read. */
  public void add(Function<String, ?> row) {
    rows++;
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        checks.get(i).accept(row.apply(names[i]));
      }
    }
  }

  /**
   * Rows {@code [0, rows)} of a batch held by column, the columns in the order given to {@link
   * #of}: the same verdict as adding each row, without building one. Only the checked columns are
   * read, and INT64, DOUBLE and TIMESTAMP values stay unboxed but for offending values kept as
   * examples.
   */
  public void addColumns(int rows, List<? extends ColumnValues> columns) {
    if (columns.size() != width || rows < 0) {
      throw new IllegalArgumentException(
          rows + " rows of " + columns.size() + " columns; the batch has " + width + " columns");
    }
    for (int i = 0; i < positions.length; i++) {
      if (positions[i] >= 0) {
        addColumn(checks.get(i), types[i], columns.get(positions[i]), rows);
      }
    }
    this.rows += rows;
  }

  // a check at a time: each check's state is its own, so the verdict is the row by row one
  private static void addColumn(Check check, ValueType type, ColumnValues column, int rows) {
    for (int r = 0; r < rows; r++) {
      if (column.isNull(r)) {
        check.accept(null);
        continue;
      }
      switch (type) {
        case INT64 -> check.acceptLong(column.longAt(r));
        case TIMESTAMP -> check.acceptMicros(column.longAt(r));
        case DOUBLE -> check.acceptDouble(column.doubleAt(r));
        default -> check.accept(column.valueAt(r));
      }
    }
  }

  public long rowCount() {
    return rows;
  }

  /**
   * The verdict on the rows added so far.
   *
   * @param recentRowCounts row counts of the view's recent runs, oldest first, for row_count
   */
  public QualityReport report(List<Long> recentRowCounts) {
    List<Long> history = List.copyOf(recentRowCounts);
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (Check check : checks) {
      results.add(check.result(rows, history));
    }
    return new QualityReport(rows, results);
  }
}
