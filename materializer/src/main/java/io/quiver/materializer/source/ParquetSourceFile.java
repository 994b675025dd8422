package io.quiver.materializer.source;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.InvalidValueException;
import io.quiver.core.value.Values;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads one Parquet file of a FILE source, row group by row group (never the whole file in memory),
 * projecting only the declared columns. The footer is checked first: a declared column the file
 * lacks fails the run naming it; extra columns are reported and not decoded.
 */
public final class ParquetSourceFile {
  private ParquetSourceFile() {}

  /** Checks the file's schema; returns its columns that the source does not declare. */
  public static List<String> checkSchema(FileRef file, CuratedLayout layout) {
    MessageType schema = footer(file);
    for (Field f : layout.columns()) {
      if (!schema.containsField(f.name())) {
        throw new SourceSchemaException(
            "source "
                + layout.source().name()
                + ": file "
                + file.path()
                + " has no column '"
                + f.name()
                + "'");
      }
    }
    List<String> extra = new ArrayList<>();
    Set<String> declared =
        layout.rowFields().stream().map(Field::name).collect(java.util.stream.Collectors.toSet());
    for (Type t : schema.getFields()) {
      if (!declared.contains(t.getName())) {
        extra.add(t.getName());
      }
    }
    return extra;
  }

  /** The file's rows by its footer (rejected rows included). */
  public static long rowCount(FileRef file) {
    return fromFooter(file, ParquetColumns::rowCount);
  }

  /**
   * Reads the file column by column within each row group ({@link ParquetColumns}, not parquet-mr's
   * record assembly, which builds an object per value and dominated the read stage) into {@code
   * rows}, in file order; rejected rows go to {@code rejects} instead.
   */
  public static void read(
      FileRef file, CuratedLayout layout, ColumnBatch.Builder rows, RowSink rejects) {
    long line = 0;
    try (ParquetColumns in = ParquetColumns.open(input(file))) {
      MessageType fileSchema = in.schema();
      List<Type> projected = new ArrayList<>();
      for (Field f : layout.columns()) {
        projected.add(fileSchema.getType(f.name()));
      }
      Reader[] readers = new Reader[projected.size()];
      for (int i = 0; i < readers.length; i++) {
        readers[i] = reader(file, layout.columns().get(i), projected.get(i), rows.kind(i));
      }
      MessageType projection = new MessageType(fileSchema.getName(), projected);
      in.project(projection);
      for (ParquetColumns.RowGroup g = in.next(); g != null; g = in.next()) {
        line = rowGroup(file, layout, rows, rejects, readers, projection, g, line);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof SourceSchemaException s) {
        throw s;
      }
      throw new SourceReadException(
          "source "
              + layout.source().name()
              + ": file "
              + file.path()
              + " is not readable Parquet (at row "
              + (line + 1)
              + "): "
              + e.getMessage(),
          e);
    }
  }

  /** One row group; returns the number of the file's last row read. */
  private static long rowGroup(
      FileRef file,
      CuratedLayout layout,
      ColumnBatch.Builder rows,
      RowSink rejects,
      Reader[] readers,
      MessageType projection,
      ParquetColumns.RowGroup g,
      long firstLine) {
    int n = g.rows();
    int first = rows.reserve(n);
    String[] rejected = null;
    List<ColumnDescriptor> columns = projection.getColumns();
    for (int c = 0; c < readers.length; c++) {
      ColumnReader column = g.columns()[c];
      int defined = columns.get(c).getMaxDefinitionLevel();
      Reader reader = readers[c];
      for (int r = 0; r < n; r++) {
        if (column.getCurrentDefinitionLevel() != defined) {
          rows.set(c, first + r, null);
        } else {
          try {
            reader.read(column, rows, c, first + r);
          } catch (InvalidValueException e) {
            rows.set(c, first + r, null);
            rejected = rejected == null ? new String[n] : rejected;
            if (rejected[r] == null) {
              rejected[r] = "column " + layout.columns().get(c).name() + ": " + e.getMessage();
            }
          }
        }
        column.consume();
      }
    }
    int event = layout.declaredEventIndex();
    for (int r = 0; r < n; r++) {
      if ((rejected == null || rejected[r] == null) && rows.isNull(event, first + r)) {
        rejected = rejected == null ? new String[n] : rejected;
        rejected[r] = layout.missingTimeReason();
      }
    }
    if (rejected != null) {
      boolean[] drop = new boolean[n];
      for (int r = 0; r < n; r++) {
        if (rejected[r] != null) {
          drop[r] = true;
          rejects.reject(
              file.path() + ":" + (firstLine + r + 1),
              rejected[r],
              text(layout, rows.row(first + r)));
        }
      }
      rows.drop(first, drop);
    }
    return firstLine + n;
  }

  /** A rejected row as text for the dead letters: its declared columns' values read. */
  private static String text(CuratedLayout layout, Object[] row) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < layout.columns().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(layout.columns().get(i).name()).append('=');
      out.append(row[i] instanceof byte[] b ? HexFormat.of().formatHex(b) : row[i]);
    }
    return out.toString();
  }

  /** Reads a column's defined value at a reader's position into a row of the batch. */
  @FunctionalInterface
  private interface Reader {
    void read(ColumnReader c, ColumnBatch.Builder rows, int column, int row);
  }

  /**
   * A column's reader: the declared type's value, the file's own value coerced where it differs,
   * with no boxing where the file stores exactly what the batch column holds (INT64 as INT64,
   * TIMESTAMP as microseconds, DOUBLE as DOUBLE).
   */
  private static Reader reader(FileRef file, Field declared, Type type, ColumnBatch.Kind kind) {
    ParquetColumns.Value value = value(file, declared, type);
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    boolean int64 = p.getPrimitiveTypeName() == PrimitiveTypeName.INT64;
    if (kind == ColumnBatch.Kind.LONG
        && int64
        && !(logical instanceof TimestampLogicalTypeAnnotation)) {
      return (c, rows, column, row) -> rows.setLong(column, row, c.getLong());
    }
    if (kind == ColumnBatch.Kind.TIME
        && int64
        && logical instanceof TimestampLogicalTypeAnnotation ts
        && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS) {
      return (c, rows, column, row) -> rows.setLong(column, row, c.getLong());
    }
    if (kind == ColumnBatch.Kind.DOUBLE && p.getPrimitiveTypeName() == PrimitiveTypeName.DOUBLE) {
      return (c, rows, column, row) -> rows.setDouble(column, row, c.getDouble());
    }
    return (c, rows, column, row) -> rows.set(column, row, value.get(c));
  }

  /** The declared type's value of a column: the file's own value, coerced where it differs. */
  private static ParquetColumns.Value value(FileRef file, Field declared, Type type) {
    if (!type.isPrimitive()
        || type.isRepetition(Type.Repetition.REPEATED)
        || declared.type().isList()) {
      throw new SourceSchemaException(
          "file "
              + file.path()
              + ": column '"
              + declared.name()
              + "' of type "
              + type
              + " cannot be read as "
              + declared.type()
              + " (list columns are not supported from Parquet yet)");
    }
    ParquetColumns.Value raw = ParquetColumns.value(type.asPrimitiveType());
    ValueType want = declared.type();
    return c -> {
      Object v = raw.get(c);
      return canonical(want, v) ? v : Values.coerce(want, v);
    };
  }

  private static boolean canonical(ValueType want, Object v) {
    return switch (want) {
      case INT64 -> v instanceof Long;
      case DOUBLE -> v instanceof Double;
      case STRING -> v instanceof String;
      case TIMESTAMP -> v instanceof Instant;
      case INT32 -> v instanceof Integer;
      case BOOL -> v instanceof Boolean;
      case FLOAT -> v instanceof Float;
      default -> false;
    };
  }

  private static MessageType footer(FileRef file) {
    return fromFooter(file, ParquetColumns::schema);
  }

  /** What {@code read} takes from the file's footer; an unreadable file fails naming it. */
  private static <T> T fromFooter(FileRef file, Function<ParquetColumns, T> read) {
    try (ParquetColumns in = ParquetColumns.open(input(file))) {
      return read.apply(in);
    } catch (IOException | RuntimeException e) {
      throw new SourceReadException(
          "file " + file.path() + " is not readable Parquet: " + e.getMessage(), e);
    }
  }

  private static InputFile input(FileRef file) {
    return new LocalInputFile(Path.of(file.path()));
  }
}
