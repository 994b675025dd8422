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
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
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

  /**
   * Reads the file column by column within each row group ({@link ParquetColumns}, not parquet-mr's
   * record assembly, which builds an object per value and dominated the read stage), then hands the
   * completed rows to {@code sink} in file order.
   */
  public static void read(FileRef file, CuratedLayout layout, RowSink sink) {
    long line = 0;
    try (ParquetColumns in = ParquetColumns.open(input(file))) {
      MessageType fileSchema = in.schema();
      List<Type> projected = new ArrayList<>();
      for (Field f : layout.columns()) {
        projected.add(fileSchema.getType(f.name()));
      }
      ParquetColumns.Value[] values = new ParquetColumns.Value[projected.size()];
      for (int i = 0; i < values.length; i++) {
        values[i] = value(file, layout.columns().get(i), projected.get(i));
      }
      MessageType projection = new MessageType(fileSchema.getName(), projected);
      in.project(projection);
      for (ParquetColumns.RowGroup g = in.next(); g != null; g = in.next()) {
        line = rowGroup(file, layout, sink, values, projection, g, line);
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
      RowSink sink,
      ParquetColumns.Value[] values,
      MessageType projection,
      ParquetColumns.RowGroup g,
      long firstLine) {
    int n = g.rows();
    Object[][] rows = new Object[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = layout.newRow();
    }
    String[] rejected = new String[n];
    List<ColumnDescriptor> columns = projection.getColumns();
    for (int c = 0; c < values.length; c++) {
      ColumnReader column = g.columns()[c];
      int defined = columns.get(c).getMaxDefinitionLevel();
      for (int r = 0; r < n; r++) {
        if (column.getCurrentDefinitionLevel() == defined) {
          try {
            rows[r][c] = values[c].get(column);
          } catch (InvalidValueException e) {
            if (rejected[r] == null) {
              rejected[r] = "column " + layout.columns().get(c).name() + ": " + e.getMessage();
            }
          }
        }
        column.consume();
      }
    }
    for (int r = 0; r < n; r++) {
      if (rejected[r] != null) {
        sink.reject(file.path() + ":" + (firstLine + r + 1), rejected[r], text(layout, rows[r]));
        continue;
      }
      Object[] done = layout.complete(rows[r]);
      if (done == null) {
        sink.reject(
            file.path() + ":" + (firstLine + r + 1),
            layout.missingTimeReason(),
            text(layout, rows[r]));
      } else {
        sink.accept(done);
      }
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
    try (ParquetColumns in = ParquetColumns.open(input(file))) {
      return in.schema();
    } catch (IOException | RuntimeException e) {
      throw new SourceReadException(
          "file " + file.path() + " is not readable Parquet: " + e.getMessage(), e);
    }
  }

  private static InputFile input(FileRef file) {
    return new LocalInputFile(Path.of(file.path()));
  }
}
