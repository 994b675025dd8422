package io.quiver.offline;

import io.quiver.core.model.ValueType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.apache.iceberg.DoubleFieldMetrics;
import org.apache.iceberg.FieldMetrics;
import org.apache.iceberg.FloatFieldMetrics;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.parquet.ParquetValueWriter;
import org.apache.iceberg.parquet.TripleWriter;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;

/**
 * Writes rows held by column straight into Parquet's column writers: the row written is an index,
 * and each field reads its value where the batch holds it (INT64, TIMESTAMP and DOUBLE unboxed).
 * Iceberg's own writers read a {@link StructLike}, a boxed value per field, and that reading was a
 * third of appending a batch. The files are the ones Iceberg's internal writer makes for the same
 * rows: the same Parquet schema, repetition and definition levels, and float and double metrics.
 *
 * <p>Top-level fields of primitive and list types only: Quiver makes no other kind.
 */
final class ColumnarParquetWriter implements ParquetValueWriter<ColumnarParquetWriter.RowIndex> {
  /** The row to write next; one instance is reused for a whole file. */
  static final class RowIndex {
    int row;
  }

  private final Field[] fields;

  private ColumnarParquetWriter(
      MessageType parquet, Types.StructType struct, ColumnMapping mapping, ColumnarRows rows) {
    Map<String, ColumnDescriptor> leaves = new HashMap<>();
    for (ColumnDescriptor d : parquet.getColumns()) {
      if (leaves.put(d.getPath()[0], d) != null) {
        throw new IllegalStateException("field " + d.getPath()[0] + " is not flat or a list");
      }
    }
    List<Types.NestedField> schema = struct.fields();
    fields = new Field[schema.size()];
    for (int i = 0; i < fields.length; i++) {
      Types.NestedField field = schema.get(i);
      ColumnDescriptor leaf = leaves.get(parquet.getFields().get(i).getName());
      int spec = mapping.specIndex[i];
      Leaf values =
          field.type().isListType()
              ? new Leaf(leaf, field.type().asListType().elementType(), null)
              : new Leaf(leaf, field.type(), spec < 0 ? null : mapping.columns.get(spec).type());
      fields[i] =
          field.type().isListType()
              ? new ListField(field, i, mapping, rows, values)
              : new PrimitiveField(field, i, mapping, rows, values);
    }
  }

  /** Data files of {@code rows} for {@code table}, whose columns {@code spec} describes. */
  static FileWriterFactory<RowIndex> files(Table table, TableSpec spec, ColumnarRows rows) {
    ColumnMapping mapping = new ColumnMapping(spec, table.schema());
    return new ParquetDataFiles<>(
        table, (schema, type) -> new ColumnarParquetWriter(type, schema.asStruct(), mapping, rows));
  }

  @Override
  public void write(int repetitionLevel, RowIndex value) {
    int row = value.row;
    for (Field f : fields) {
      f.checkRequired(row); // before any value: a failed row must not be half in the columns
    }
    for (Field f : fields) {
      f.write(row);
    }
  }

  @Override
  public List<TripleWriter<?>> columns() {
    return List.of(); // Iceberg's Parquet writer does not ask; only its struct writers do
  }

  @Override
  public void setColumnStore(ColumnWriteStore store) {
    for (Field f : fields) {
      f.values.column = store.getColumnWriter(f.values.descriptor);
    }
  }

  @Override
  public Stream<FieldMetrics<?>> metrics() {
    List<FieldMetrics<?>> out = new ArrayList<>();
    for (Field f : fields) {
      f.values.metrics().ifPresent(out::add);
    }
    return out.stream();
  }

  /** One top-level field: its nulls, then its value through its leaf. */
  private abstract static class Field {
    final String name;
    final int spec; // the spec column, or -1: then always null
    final boolean required;
    final ColumnMapping mapping;
    final ColumnarRows rows;
    final UnaryOperator<Object> converter; // null where spec is -1
    final Leaf values;
    final int defined; // the leaf's maximum definition level: a value there

    /** {@code field} at {@code position} of the table schema. */
    Field(
        Types.NestedField field,
        int position,
        ColumnMapping mapping,
        ColumnarRows rows,
        Leaf leaf) {
      this.name = field.name();
      this.spec = mapping.specIndex[position];
      this.required = field.isRequired();
      this.converter = mapping.converters[position];
      this.mapping = mapping;
      this.rows = rows;
      this.values = leaf;
      this.defined = leaf.descriptor.getMaxDefinitionLevel();
    }

    void checkRequired(int row) {
      if (required && (spec < 0 || rows.isNull(spec, row))) {
        throw spec < 0
            ? new IllegalArgumentException("column " + name + " must not be null")
            : mapping.nullIn(spec);
      }
    }

    final void write(int row) {
      try {
        writeRow(row);
      } catch (ClassCastException e) {
        throw new IllegalArgumentException(
            "column " + name + " holds a value of the wrong type: " + e.getMessage(), e);
      }
    }

    abstract void writeRow(int row);
  }

  private static final class PrimitiveField extends Field {
    PrimitiveField(
        Types.NestedField field,
        int position,
        ColumnMapping mapping,
        ColumnarRows rows,
        Leaf leaf) {
      super(field, position, mapping, rows, leaf);
    }

    @Override
    void writeRow(int row) {
      if (spec < 0 || rows.isNull(spec, row)) {
        values.writeNull(0, defined - 1);
      } else if (values.fast) {
        values.writeFast(rows, spec, row, 0, defined);
      } else {
        values.write(converter.apply(rows.value(spec, row)), 0, defined);
      }
    }
  }

  /**
   * A list of optional elements, as Iceberg lays it out: {@code <field> (LIST) { repeated group
   * list { optional element } }}. Definition levels from the leaf's maximum down: element, null
   * element, empty list, null list.
   */
  private static final class ListField extends Field {
    ListField(
        Types.NestedField field,
        int position,
        ColumnMapping mapping,
        ColumnarRows rows,
        Leaf leaf) {
      super(field, position, mapping, rows, leaf);
      if (!field.type().asListType().isElementOptional()) {
        throw new IllegalStateException("list column " + field.name() + " has required elements");
      }
    }

    @Override
    void writeRow(int row) {
      int element = defined;
      if (spec < 0 || rows.isNull(spec, row)) {
        values.writeNull(0, element - 3);
        return;
      }
      List<?> list = (List<?>) converter.apply(rows.value(spec, row));
      if (list.isEmpty()) {
        values.column.writeNull(0, element - 2);
        return;
      }
      int repetition = 0;
      for (Object v : list) {
        if (v == null) {
          values.writeNull(repetition, element - 1);
        } else {
          values.write(v, repetition, element);
        }
        repetition = 1;
      }
    }
  }

  /**
   * One Parquet column: writes Iceberg internal values of its type, and keeps the float and double
   * metrics Iceberg's writers keep (NaN counts, bounds without NaN).
   */
  private static final class Leaf {
    private static final int STRINGS_CACHED = 4096;
    final ColumnDescriptor descriptor;
    final Type.TypeID type;

    /** The batch holds this column's values unboxed: INT64, TIMESTAMP or DOUBLE as stored. */
    final boolean fast;

    ColumnWriter column;
    private final DoubleFieldMetrics.Builder doubles;
    private final FloatFieldMetrics.Builder floats;
    // a batch's strings are mostly a few instances repeated (the readers share them): each one's
    // UTF-8 is encoded once, where the writer encoded every row's again
    private final Map<String, Binary> utf8 = new IdentityHashMap<>();
    private long nulls;

    Leaf(ColumnDescriptor descriptor, Type type, ValueType held) {
      this.descriptor = descriptor;
      this.type = type.typeId();
      this.fast =
          (this.type == Type.TypeID.LONG && held == ValueType.INT64)
              || (this.type == Type.TypeID.TIMESTAMP && held == ValueType.TIMESTAMP)
              || (this.type == Type.TypeID.DOUBLE && held == ValueType.DOUBLE);
      int id = descriptor.getPrimitiveType().getId().intValue();
      this.doubles = this.type == Type.TypeID.DOUBLE ? new DoubleFieldMetrics.Builder(id) : null;
      this.floats = this.type == Type.TypeID.FLOAT ? new FloatFieldMetrics.Builder(id) : null;
    }

    void writeFast(ColumnarRows rows, int spec, int row, int repetition, int defined) {
      switch (type) {
        case LONG -> column.write(rows.longValue(spec, row), repetition, defined);
        case TIMESTAMP -> column.write(rows.micros(spec, row), repetition, defined);
        default -> writeDouble(rows.doubleValue(spec, row), repetition, defined);
      }
    }

    /** {@code v} is of Iceberg's internal representation of the column's type. */
    void write(Object v, int repetition, int defined) {
      switch (type) {
        case BOOLEAN -> column.write((Boolean) v, repetition, defined);
        case INTEGER -> column.write((Integer) v, repetition, defined);
        case LONG, TIMESTAMP -> column.write((Long) v, repetition, defined);
        case FLOAT -> {
          float f = (Float) v;
          column.write(f, repetition, defined);
          floats.addValue(f);
        }
        case DOUBLE -> writeDouble((Double) v, repetition, defined);
        case STRING -> column.write(utf8((String) v), repetition, defined);
        case BINARY ->
            column.write(Binary.fromReusedByteBuffer((ByteBuffer) v), repetition, defined);
        default -> throw new IllegalStateException("a column of type " + type);
      }
    }

    private void writeDouble(double d, int repetition, int defined) {
      column.write(d, repetition, defined);
      doubles.addValue(d);
    }

    /**
     * A null, counted into the float and double metrics as Iceberg's option writers count them:
     * null fields, null elements and null lists alike.
     */
    void writeNull(int repetition, int defined) {
      column.writeNull(repetition, defined);
      nulls++;
    }

    private Binary utf8(String s) {
      Binary encoded = utf8.get(s);
      if (encoded == null) {
        if (utf8.size() == STRINGS_CACHED) {
          utf8.clear(); // a column of mostly distinct strings just refills it
        }
        encoded = Binary.fromConstantByteArray(s.getBytes(StandardCharsets.UTF_8));
        utf8.put(s, encoded);
      }
      return encoded;
    }

    Optional<FieldMetrics<?>> metrics() {
      FieldMetrics<?> values =
          doubles != null ? doubles.build() : floats != null ? floats.build() : null;
      return Optional.ofNullable(values == null ? null : withNulls(values));
    }

    private <T> FieldMetrics<T> withNulls(FieldMetrics<T> m) {
      return new FieldMetrics<>(
          m.id(),
          m.valueCount() + nulls,
          m.nullValueCount() + nulls,
          m.nanValueCount(),
          m.lowerBound(),
          m.upperBound());
    }
  }
}
