package io.quiver.materializer.pipeline;

import io.quiver.core.value.EpochMicros;
import io.quiver.materializer.source.ParquetColumns;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.iceberg.types.Types;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.DelegatingSeekableInputStream;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.StringLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * One Parquet data file of a curated table read with column readers ({@link ParquetColumns}), not
 * Iceberg's generic reader, whose record assembly, {@code Record} per row and {@code
 * OffsetDateTime} per timestamp made the read-back the largest stage of a run. The values are the
 * ones the generic reader gave after {@link CuratedEvents#canonical}: typed as the table's schema
 * says (a file written before INT32→INT64 or FLOAT→DOUBLE widening reads as Long or Double), null
 * for a column the file predates, Instant for timestamps, byte[] for binary.
 *
 * <p>Columns are matched to the table's fields by Iceberg field id, as Iceberg does, so a renamed
 * column still reads. The event time is read first, a chunk of rows at a time, and only rows in the
 * ranges are built: the scan's filter prunes files, not rows.
 */
final class CuratedDataFile {
  /** Rows decoded per column before the next column: bounds the rows held besides the sink's. */
  private static final int CHUNK = 4096;

  private CuratedDataFile() {}

  /**
   * Hands {@code sink} every row of {@code file} whose event time ({@code fields[eventIndex]}) is
   * in {@code ranges}, in file order, as an array with one value per entry of {@code fields} (null
   * entries: columns the table's snapshot does not have, always null).
   */
  static void read(
      InputFile file,
      String location,
      Types.NestedField[] fields,
      int eventIndex,
      List<CuratedEvents.Range> ranges,
      Consumer<Object[]> sink)
      throws IOException {
    try (ParquetColumns in = ParquetColumns.open(file)) {
      MessageType schema = in.schema();
      Map<Integer, Type> byId = new HashMap<>();
      for (Type t : schema.getFields()) {
        if (t.getId() != null) {
          byId.put(t.getId().intValue(), t);
        }
      }
      List<Type> projected = new ArrayList<>();
      Column[] columns = new Column[fields.length];
      int[] leaf = new int[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Type t = fields[i] == null ? null : byId.get(fields[i].fieldId());
        if (t != null) {
          leaf[i] = projected.size();
          projected.add(t);
          columns[i] = column(location, fields[i], t);
        }
      }
      checkEventTime(location, fields[eventIndex], byId);
      in.project(new MessageType(schema.getName(), projected));
      for (ParquetColumns.RowGroup g = in.next(); g != null; g = in.next()) {
        for (int first = 0; first < g.rows(); first += CHUNK) {
          int n = Math.min(CHUNK, g.rows() - first);
          chunk(g, n, columns, leaf, eventIndex, ranges, sink);
        }
      }
    }
  }

  /** The next {@code n} rows of a row group's columns. */
  private static void chunk(
      ParquetColumns.RowGroup g,
      int n,
      Column[] columns,
      int[] leaf,
      int eventIndex,
      List<CuratedEvents.Range> ranges,
      Consumer<Object[]> sink) {
    ColumnReader events = g.columns()[leaf[eventIndex]];
    int[] kept = new int[n];
    long[] micros = new long[n];
    int k = 0;
    for (int r = 0; r < n; r++) {
      long t = events.getLong(); // required: defined in every row
      events.consume();
      if (inAny(ranges, t)) {
        kept[k] = r;
        micros[k++] = t;
      }
    }
    Object[][] rows = new Object[k][];
    for (int j = 0; j < k; j++) {
      rows[j] = new Object[columns.length];
      rows[j][eventIndex] = EpochMicros.toInstant(micros[j]);
    }
    for (int i = 0; i < columns.length; i++) {
      if (i == eventIndex || columns[i] == null) {
        continue;
      }
      ColumnReader c = g.columns()[leaf[i]];
      Column column = columns[i];
      int j = 0;
      for (int r = 0; r < n; r++) {
        if (j < k && kept[j] == r) {
          rows[j++][i] = column.read(c);
        } else {
          column.skip(c);
        }
      }
    }
    for (Object[] row : rows) {
      sink.accept(row);
    }
  }

  private static boolean inAny(List<CuratedEvents.Range> ranges, long micros) {
    for (CuratedEvents.Range r : ranges) {
      if (micros >= r.startMicros() && micros < r.endMicros()) {
        return true;
      }
    }
    return false;
  }

  /** The event time is read as raw microseconds before any row is built. */
  private static void checkEventTime(
      String location, Types.NestedField field, Map<Integer, Type> byId) {
    Type t = field == null ? null : byId.get(field.fieldId());
    if (t == null
        || !t.isPrimitive()
        || !t.isRepetition(Type.Repetition.REQUIRED)
        || t.asPrimitiveType().getPrimitiveTypeName() != PrimitiveTypeName.INT64
        || !(t.getLogicalTypeAnnotation() instanceof TimestampLogicalTypeAnnotation ts)
        || ts.getUnit() != TimeUnit.MICROS) {
      throw new IllegalStateException(
          "curated file "
              + location
              + ": the event time is not a required INT64 TIMESTAMP(MICROS) column but "
              + t);
    }
  }

  /** One column's value per row, read or skipped; either consumes the row's levels. */
  private interface Column {
    Object read(ColumnReader c);

    void skip(ColumnReader c);
  }

  private static Column column(String location, Types.NestedField field, Type t) {
    if (field.type().isListType()) {
      return list(location, field, t);
    }
    if (!t.isPrimitive() || t.isRepetition(Type.Repetition.REPEATED)) {
      throw unreadable(location, field, t);
    }
    ParquetColumns.Value value =
        primitive(location, field, field.type().asPrimitiveType(), t.asPrimitiveType());
    int defined = t.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    return new Column() {
      @Override
      public Object read(ColumnReader c) {
        Object v = c.getCurrentDefinitionLevel() == defined ? value.get(c) : null;
        c.consume();
        return v;
      }

      @Override
      public void skip(ColumnReader c) {
        if (c.getCurrentDefinitionLevel() == defined) {
          c.skip();
        }
        c.consume();
      }
    };
  }

  /**
   * A list column in the three-level layout Iceberg writes ({@code <col> (LIST) { repeated group
   * list { <element> } }}): a row's values follow its first one at repetition level 1. Read as an
   * unmodifiable list, an empty list as empty, a null list as null.
   */
  private static Column list(String location, Types.NestedField field, Type t) {
    if (t.isPrimitive()
        || !(t.getLogicalTypeAnnotation()
            instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation)
        || t.asGroupType().getFieldCount() != 1
        || !t.asGroupType().getType(0).isRepetition(Type.Repetition.REPEATED)
        || t.asGroupType().getType(0).isPrimitive()
        || t.asGroupType().getType(0).asGroupType().getFieldCount() != 1
        || !t.asGroupType().getType(0).asGroupType().getType(0).isPrimitive()) {
      throw unreadable(location, field, t);
    }
    GroupType repeated = t.asGroupType().getType(0).asGroupType();
    PrimitiveType element = repeated.getType(0).asPrimitiveType();
    ParquetColumns.Value value =
        primitive(
            location, field, field.type().asListType().elementType().asPrimitiveType(), element);
    int listDefined = t.isRepetition(Type.Repetition.OPTIONAL) ? 1 : 0;
    int elementPresent = listDefined + 1;
    int elementDefined =
        element.isRepetition(Type.Repetition.OPTIONAL) ? elementPresent + 1 : elementPresent;
    return new Column() {
      @Override
      public Object read(ColumnReader c) {
        int d = c.getCurrentDefinitionLevel();
        if (d < elementPresent) {
          c.consume();
          return d < listDefined ? null : List.of();
        }
        List<Object> values = new ArrayList<>();
        do {
          values.add(c.getCurrentDefinitionLevel() == elementDefined ? value.get(c) : null);
          c.consume();
        } while (c.getCurrentRepetitionLevel() > 0);
        return Collections.unmodifiableList(values);
      }

      @Override
      public void skip(ColumnReader c) {
        do {
          if (c.getCurrentDefinitionLevel() == elementDefined) {
            c.skip();
          }
          c.consume();
        } while (c.getCurrentRepetitionLevel() > 0);
      }
    };
  }

  /**
   * A primitive value as the table's type: the file's own type, or the narrower one a column had
   * before it was widened.
   */
  private static ParquetColumns.Value primitive(
      String location,
      Types.NestedField field,
      org.apache.iceberg.types.Type.PrimitiveType want,
      PrimitiveType stored) {
    PrimitiveTypeName p = stored.getPrimitiveTypeName();
    LogicalTypeAnnotation logical = stored.getLogicalTypeAnnotation();
    boolean string = logical instanceof StringLogicalTypeAnnotation;
    boolean micros =
        logical instanceof TimestampLogicalTypeAnnotation ts && ts.getUnit() == TimeUnit.MICROS;
    boolean readable =
        switch (want.typeId()) {
          case BOOLEAN -> p == PrimitiveTypeName.BOOLEAN;
          case INTEGER -> p == PrimitiveTypeName.INT32;
          case LONG ->
              (p == PrimitiveTypeName.INT64 && !(logical instanceof TimestampLogicalTypeAnnotation))
                  || p == PrimitiveTypeName.INT32;
          case FLOAT -> p == PrimitiveTypeName.FLOAT;
          case DOUBLE -> p == PrimitiveTypeName.DOUBLE || p == PrimitiveTypeName.FLOAT;
          case STRING -> p == PrimitiveTypeName.BINARY && string;
          case BINARY -> p == PrimitiveTypeName.BINARY && !string;
          case TIMESTAMP -> p == PrimitiveTypeName.INT64 && micros;
          default -> false;
        };
    if (!readable) {
      throw unreadable(location, field, stored);
    }
    if (want.typeId() == org.apache.iceberg.types.Type.TypeID.LONG
        && p == PrimitiveTypeName.INT32) {
      return c -> (long) c.getInteger();
    }
    if (want.typeId() == org.apache.iceberg.types.Type.TypeID.DOUBLE
        && p == PrimitiveTypeName.FLOAT) {
      return c -> (double) c.getFloat();
    }
    return ParquetColumns.value(stored);
  }

  private static IllegalStateException unreadable(
      String location, Types.NestedField field, Type stored) {
    return new IllegalStateException(
        "curated file "
            + location
            + ": column "
            + field.name()
            + " is stored as "
            + stored
            + ", which the read-back cannot read as "
            + field.type());
  }

  /** Iceberg's file (its FileIO: local, HDFS or object store alike) as parquet-mr reads one. */
  static InputFile parquet(org.apache.iceberg.io.InputFile file) {
    return new InputFile() {
      @Override
      public long getLength() {
        return file.getLength();
      }

      @Override
      public SeekableInputStream newStream() {
        org.apache.iceberg.io.SeekableInputStream in = file.newStream();
        return new DelegatingSeekableInputStream(in) {
          @Override
          public long getPos() throws IOException {
            return in.getPos();
          }

          @Override
          public void seek(long position) throws IOException {
            in.seek(position);
          }
        };
      }
    };
  }
}
