package io.quiver.materializer.source;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.InvalidValueException;
import io.quiver.offline.ColumnarRows;
import io.quiver.offline.RowKey;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A batch's rows in {@link CuratedLayout} order, held by column: INT64 and TIMESTAMP columns as
 * {@code long[]} (timestamps in epoch microseconds), DOUBLE as {@code double[]}, the other types as
 * references. A sub-batch of millions of rows as one {@code Object[]} of boxed values per row was
 * about 560 bytes a row, all of it live until the sub-batch committed, and the collector copied it
 * for over a quarter of a run's wall time; by column a bench row is under 40 bytes.
 *
 * <p>The standard {@code event_timestamp} column is the declared event time column itself, and
 * {@code created_timestamp} too when the source declares no created time: one array, not three.
 *
 * <p>It is also the {@code List<Object[]>} of its rows, built one at a time on {@link #get} with
 * the canonical values a row reader gives (Long, Instant, Double, ...), for the stages that take
 * rows one by one and keep none. The hot stages read the columns.
 */
public final class ColumnBatch extends AbstractList<Object[]>
    implements RandomAccess, ColumnarRows {
  private final Column[] columns;
  private final int size;

  private ColumnBatch(Column[] columns, int size) {
    this.columns = columns;
    this.size = size;
  }

  /** How a column holds its values. */
  public enum Kind {
    /** INT64: {@link #longs}. */
    LONG,
    /** TIMESTAMP: {@link #longs}, epoch microseconds. */
    TIME,
    /** DOUBLE: {@link #doubles}. */
    DOUBLE,
    /** Every other type: the canonical values themselves. */
    OBJECT;

    static Kind of(ValueType type) {
      return switch (type) {
        case INT64 -> LONG;
        case TIMESTAMP -> TIME;
        case DOUBLE -> DOUBLE;
        default -> OBJECT;
      };
    }
  }

  /** A builder for rows of {@code layout}'s declared columns. */
  public static Builder builder(CuratedLayout layout) {
    return new Builder(layout, 1024);
  }

  /**
   * A builder with room for {@code rows} rows before it grows: each growth copies every column, and
   * the collector copies the large arrays again until they are old.
   */
  public static Builder builder(CuratedLayout layout, int rows) {
    return new Builder(layout, Math.max(16, rows));
  }

  @Override
  public int size() {
    return size;
  }

  /** The columns, the standard timestamps included ({@link CuratedLayout#width()}). */
  public int width() {
    return columns.length;
  }

  /** Row {@code row} as a new array of canonical values. */
  @Override
  public Object[] get(int row) {
    Objects.checkIndex(row, size);
    Object[] out = new Object[columns.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = columns[c].value(row);
    }
    return out;
  }

  public Kind kind(int column) {
    return columns[column].kind;
  }

  public boolean isNull(int column, int row) {
    return columns[column].isNull(row);
  }

  /** Whether any row of the column is null. */
  public boolean hasNulls(int column) {
    Column c = columns[column];
    return c.kind == Kind.OBJECT ? c.anyNull(size) : c.nulls != null;
  }

  /**
   * A LONG or TIME column's values, shared, not copied: entries of null rows are undefined, and the
   * array may be longer than the batch.
   */
  public long[] longs(int column) {
    return Objects.requireNonNull(columns[column].longs, "not a LONG or TIME column");
  }

  /** A DOUBLE column's values, as {@link #longs}. */
  public double[] doubles(int column) {
    return Objects.requireNonNull(columns[column].doubles, "not a DOUBLE column");
  }

  /** A TIME column's non-null value, in epoch microseconds. */
  @Override
  public long micros(int column, int row) {
    return longs(column)[row];
  }

  /** An INT64 (LONG) column's non-null value, unboxed. */
  @Override
  public long longValue(int column, int row) {
    long[] longs = columns[column].longs;
    return longs != null ? longs[row] : ColumnarRows.super.longValue(column, row);
  }

  /** A DOUBLE column's non-null value, unboxed. */
  @Override
  public double doubleValue(int column, int row) {
    double[] doubles = columns[column].doubles;
    return doubles != null ? doubles[row] : ColumnarRows.super.doubleValue(column, row);
  }

  /** One value as a row would hold it: boxed, Instant for TIME, null where null. */
  public Object value(int column, int row) {
    return columns[column].value(row);
  }

  /** {@link RowKey#hash64} of {@link #get get(row)}, without building the row. */
  public long hash64(int row) {
    long h = RowKey.SEED;
    for (Column c : columns) {
      h = RowKey.step(h, c.hash(row));
    }
    return RowKey.finish(h);
  }

  /** {@code Arrays.deepEquals(get(row), other)}, without building the row. */
  public boolean rowEquals(int row, Object[] other) {
    if (other.length != columns.length) {
      return false;
    }
    for (int c = 0; c < columns.length; c++) {
      if (!columns[c].equalsValue(row, other[c])) {
        return false;
      }
    }
    return true;
  }

  /** The rows at {@code rows[0..n)}, in that order; this batch itself when that is every row. */
  public ColumnBatch select(int[] rows, int n) {
    boolean all = n == size;
    for (int i = 0; all && i < n; i++) {
      all = rows[i] == i;
    }
    if (all) {
      return this;
    }
    Map<Column, Column> gathered = new IdentityHashMap<>(); // keep shared columns shared
    Column[] out = new Column[columns.length];
    for (int c = 0; c < out.length; c++) {
      out[c] = gathered.computeIfAbsent(columns[c], col -> col.gather(rows, n));
    }
    return new ColumnBatch(out, n);
  }

  /**
   * One column's values. OBJECT columns hold null as null; the primitive ones mark null rows in a
   * bitmap (a set bit), which a built batch drops when no row is null.
   */
  private static final class Column {
    final Kind kind;
    long[] longs;
    double[] doubles;
    Object[] objects;
    long[] nulls;

    Column(Kind kind, int capacity) {
      this.kind = kind;
      switch (kind) {
        case LONG, TIME -> longs = new long[capacity];
        case DOUBLE -> doubles = new double[capacity];
        case OBJECT -> objects = new Object[capacity];
      }
    }

    boolean isNull(int row) {
      if (kind == Kind.OBJECT) {
        return objects[row] == null;
      }
      return nulls != null && (nulls[row >>> 6] & (1L << row)) != 0;
    }

    void setNull(int row, boolean isNull) {
      if (kind == Kind.OBJECT) {
        if (isNull) {
          objects[row] = null;
        }
      } else if (isNull) {
        if (nulls == null) {
          nulls = new long[capacity() + 63 >>> 6];
        }
        nulls[row >>> 6] |= 1L << row;
      } else if (nulls != null) {
        nulls[row >>> 6] &= ~(1L << row);
      }
    }

    /** Empties rows {@code [from, to)}: null for OBJECT, 0 and not null for the others. */
    void clear(int from, int to) {
      if (kind == Kind.OBJECT) {
        Arrays.fill(objects, from, to, null);
      } else if (nulls != null) {
        for (int r = from; r < to; r++) {
          nulls[r >>> 6] &= ~(1L << r);
        }
      }
    }

    /** Whether any of rows {@code [0, size)} is null. */
    boolean anyNull(int size) {
      for (int r = 0; r < size; r++) {
        if (isNull(r)) {
          return true;
        }
      }
      return false;
    }

    int capacity() {
      return switch (kind) {
        case LONG, TIME -> longs.length;
        case DOUBLE -> doubles.length;
        case OBJECT -> objects.length;
      };
    }

    void grow(int capacity) {
      switch (kind) {
        case LONG, TIME -> longs = Arrays.copyOf(longs, capacity);
        case DOUBLE -> doubles = Arrays.copyOf(doubles, capacity);
        case OBJECT -> objects = Arrays.copyOf(objects, capacity);
      }
      if (nulls != null) {
        nulls = Arrays.copyOf(nulls, capacity + 63 >>> 6);
      }
    }

    Object value(int row) {
      if (isNull(row)) {
        return null;
      }
      return switch (kind) {
        case LONG -> longs[row];
        case TIME -> EpochMicros.toInstant(longs[row]);
        case DOUBLE -> doubles[row];
        case OBJECT -> objects[row];
      };
    }

    /** Sets a canonical value (null included). */
    void set(int row, Object v) {
      setNull(row, v == null);
      if (v == null) {
        return;
      }
      switch (kind) {
        case LONG -> longs[row] = (Long) v;
        case TIME -> longs[row] = EpochMicros.of((Instant) v);
        case DOUBLE -> doubles[row] = (Double) v;
        case OBJECT -> objects[row] = v;
      }
    }

    long hash(int row) {
      if (isNull(row)) {
        return RowKey.NULL_HASH;
      }
      return switch (kind) {
        case LONG -> longs[row];
        case TIME -> RowKey.microsHash(longs[row]);
        case DOUBLE -> RowKey.doubleHash(doubles[row]);
        case OBJECT -> RowKey.valueHash(objects[row]);
      };
    }

    boolean equalsValue(int row, Object v) {
      if (isNull(row) || v == null) {
        return isNull(row) && v == null;
      }
      return switch (kind) {
        case LONG -> v instanceof Long n && n == longs[row];
        case TIME ->
            v instanceof Instant t
                && t.getEpochSecond() == Math.floorDiv(longs[row], 1_000_000L)
                && t.getNano() == Math.floorMod(longs[row], 1_000_000L) * 1_000L;
        case DOUBLE ->
            v instanceof Double d
                && Double.doubleToLongBits(d) == Double.doubleToLongBits(doubles[row]);
        case OBJECT -> Objects.deepEquals(objects[row], v);
      };
    }

    Column gather(int[] rows, int n) {
      Column out = new Column(kind, n);
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        switch (kind) {
          case LONG, TIME -> out.longs[i] = longs[r];
          case DOUBLE -> out.doubles[i] = doubles[r];
          case OBJECT -> out.objects[i] = objects[r];
        }
        if (isNull(r)) {
          out.setNull(i, true);
        }
      }
      return out;
    }

    /** Copies rows {@code [0, n)} of {@code from} to rows {@code [to, to + n)}. */
    void copy(Column from, int n, int to) {
      switch (kind) {
        case LONG, TIME -> System.arraycopy(from.longs, 0, longs, to, n);
        case DOUBLE -> System.arraycopy(from.doubles, 0, doubles, to, n);
        case OBJECT -> System.arraycopy(from.objects, 0, objects, to, n);
      }
      if (from.nulls != null && kind != Kind.OBJECT) {
        for (int r = 0; r < n; r++) {
          if (from.isNull(r)) {
            setNull(to + r, true);
          }
        }
      }
    }

    /** Moves row {@code from} to row {@code to}. */
    void move(int from, int to) {
      switch (kind) {
        case LONG, TIME -> longs[to] = longs[from];
        case DOUBLE -> doubles[to] = doubles[from];
        case OBJECT -> objects[to] = objects[from];
      }
      setNull(to, isNull(from));
    }
  }

  /**
   * Rows of a layout's declared columns, appended whole ({@link #add}) or reserved and then filled
   * column by column ({@link #reserve}, the setters), as a columnar reader does. {@link #build}
   * derives the standard timestamps; a builder is not used after it.
   */
  public static final class Builder {
    private final CuratedLayout layout;
    private final Column[] declared;
    private int size;
    private int capacity;

    private Builder(CuratedLayout layout, int capacity) {
      this.layout = layout;
      this.capacity = capacity;
      List<Field> fields = layout.columns();
      this.declared = new Column[fields.size()];
      for (int c = 0; c < declared.length; c++) {
        declared[c] = new Column(Kind.of(fields.get(c).type()), capacity);
      }
    }

    public int size() {
      return size;
    }

    public Kind kind(int column) {
      return declared[column].kind;
    }

    /**
     * Adds {@code n} rows and returns the first one's index. Their values are null in OBJECT
     * columns and 0 elsewhere until set: a reader sets every value, null included.
     */
    public int reserve(int n) {
      if (size + n > capacity) {
        long wanted = Math.max((long) size + n, capacity + (capacity >> 1));
        capacity = Math.toIntExact(Math.min(wanted, Integer.MAX_VALUE - 8));
        for (Column c : declared) {
          c.grow(capacity);
        }
      }
      int first = size;
      size += n;
      for (Column c : declared) {
        c.clear(first, size); // rows dropped before may have left values there
      }
      return first;
    }

    /** Appends a row in curated layout (its declared columns are read; canonical values). */
    public void add(Object[] row) {
      int r = reserve(1);
      for (int c = 0; c < declared.length; c++) {
        declared[c].set(r, row[c]);
      }
    }

    /** Appends another builder's rows (of the same layout), which stays as it is. */
    public void addAll(Builder other) {
      int first = reserve(other.size);
      for (int c = 0; c < declared.length; c++) {
        declared[c].copy(other.declared[c], other.size, first);
      }
    }

    /**
     * Sets a canonical value of the column's declared type (null included).
     *
     * @throws InvalidValueException for a TIMESTAMP outside the microsecond range
     */
    public void set(int column, int row, Object value) {
      try {
        declared[column].set(row, value);
      } catch (ArithmeticException e) {
        throw new InvalidValueException(
            ValueType.TIMESTAMP, value, "outside the microsecond range of a long");
      }
    }

    /** Sets a LONG or TIME column's value (epoch microseconds for TIME). */
    public void setLong(int column, int row, long value) {
      Column c = declared[column];
      c.longs[row] = value;
      c.setNull(row, false);
    }

    public void setDouble(int column, int row, double value) {
      Column c = declared[column];
      c.doubles[row] = value;
      c.setNull(row, false);
    }

    public boolean isNull(int column, int row) {
      return declared[column].isNull(row);
    }

    /** Row {@code row}'s declared values, e.g. to report a rejected row. */
    public Object[] row(int row) {
      Object[] out = new Object[declared.length];
      for (int c = 0; c < out.length; c++) {
        out[c] = declared[c].value(row);
      }
      return out;
    }

    /**
     * Drops the rows {@code first + i} with {@code drop[i]} set, moving the later ones down; rows
     * below {@code first} keep their places.
     */
    public void drop(int first, boolean[] drop) {
      int to = first;
      for (int i = 0; i < drop.length; i++) {
        if (!drop[i]) {
          if (to != first + i) {
            for (Column c : declared) {
              c.move(first + i, to);
            }
          }
          to++;
        }
      }
      size = to;
    }

    /**
     * The batch: the declared columns, then {@code event_timestamp} (the event time column) and
     * {@code created_timestamp} (the created time column, its nulls read as the event time).
     *
     * @throws IllegalStateException when a row's event time is null: readers reject such rows
     */
    public ColumnBatch build() {
      Column event = declared[layout.declaredEventIndex()];
      for (int r = 0; r < size; r++) {
        if (event.isNull(r)) {
          throw new IllegalStateException("row " + r + " of the batch has no event time");
        }
      }
      Column created = declared[layout.declaredCreatedIndex()];
      if (created != event && created.nulls != null) {
        Column filled = new Column(Kind.TIME, size);
        for (int r = 0; r < size; r++) {
          filled.longs[r] = created.isNull(r) ? event.longs[r] : created.longs[r];
        }
        created = filled;
      }
      for (Column c : declared) {
        if (c.nulls != null && !c.anyNull(size)) {
          c.nulls = null; // so hasNulls is exact, and readers of the column skip the checks
        }
      }
      Column[] all = Arrays.copyOf(declared, declared.length + 2);
      all[layout.eventTimeIndex()] = event;
      all[layout.createdTimeIndex()] = created;
      return new ColumnBatch(all, size);
    }
  }
}
