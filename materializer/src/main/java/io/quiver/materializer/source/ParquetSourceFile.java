package io.quiver.materializer.source;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.InvalidValueException;
import io.quiver.core.value.Values;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
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
   * Reads the file column by column within each row group (parquet-mr's column readers, not its
   * record assembly, which builds an object per value and dominated the read stage), then hands the
   * completed rows to {@code sink} in file order.
   */
  public static void read(FileRef file, CuratedLayout layout, RowSink sink) {
    MessageType fileSchema = footer(file);
    List<Type> projected = new ArrayList<>();
    for (Field f : layout.columns()) {
      projected.add(fileSchema.getType(f.name()));
    }
    MessageType projection = new MessageType(fileSchema.getName(), projected);
    Extractor[] extractors = new Extractor[projected.size()];
    for (int i = 0; i < extractors.length; i++) {
      extractors[i] = extractor(file, layout.columns().get(i), projected.get(i));
    }
    long line = 0;
    try (ParquetFileReader reader = ParquetFileReader.open(input(file))) {
      reader.setRequestedSchema(projection);
      String createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
      // the column store wants a record converter; values are read from the column readers
      GroupConverter ignored = new GroupRecordConverter(projection).getRootConverter();
      for (PageReadStore pages = reader.readNextRowGroup();
          pages != null;
          pages = reader.readNextRowGroup()) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, ignored, projection, createdBy);
        line = rowGroup(file, layout, sink, extractors, projection, store, pages, line);
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
      Extractor[] ex,
      MessageType projection,
      ColumnReadStoreImpl store,
      PageReadStore pages,
      long firstLine) {
    int n = Math.toIntExact(pages.getRowCount());
    Object[][] rows = new Object[n][];
    for (int r = 0; r < n; r++) {
      rows[r] = layout.newRow();
    }
    String[] rejected = new String[n];
    List<ColumnDescriptor> columns = projection.getColumns();
    for (int c = 0; c < ex.length; c++) {
      ColumnReader column = store.getColumnReader(columns.get(c));
      int defined = columns.get(c).getMaxDefinitionLevel();
      for (int r = 0; r < n; r++) {
        if (column.getCurrentDefinitionLevel() == defined) {
          try {
            rows[r][c] = ex[c].get(column);
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

  @FunctionalInterface
  private interface Extractor {
    Object get(ColumnReader c);
  }

  private static Extractor extractor(FileRef file, Field declared, Type type) {
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
    PrimitiveType p = type.asPrimitiveType();
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    ValueType want = declared.type();
    Extractor raw =
        switch (p.getPrimitiveTypeName()) {
          case INT64 ->
              logical instanceof TimestampLogicalTypeAnnotation ts
                  ? timestamp(ts.getUnit())
                  : ColumnReader::getLong;
          case INT32 -> ColumnReader::getInteger;
          case DOUBLE -> ColumnReader::getDouble;
          case FLOAT -> ColumnReader::getFloat;
          case BOOLEAN -> ColumnReader::getBoolean;
          case INT96 -> c -> int96(c.getBinary().getBytes());
          case BINARY, FIXED_LEN_BYTE_ARRAY ->
              logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                  ? new Strings()
                  : c -> c.getBinary().getBytes();
        };
    return c -> {
      Object v = raw.get(c);
      return canonical(want, v) ? v : Values.coerce(want, v);
    };
  }

  /**
   * Decodes string values, returning one String per distinct recent value: string columns are
   * mostly low-cardinality (types, categories), and a batch holds its rows, so a String per row was
   * a large share of what the collector copied. Bounded: a high-cardinality column just refills it.
   */
  private static final class Strings implements Extractor {
    private static final int MAX = 4096;
    private final Map<Binary, String> recent = new HashMap<>();

    @Override
    public Object get(ColumnReader c) {
      Binary value = c.getBinary();
      String s = recent.get(value);
      if (s == null) {
        s = value.toStringUsingUTF8();
        if (recent.size() == MAX) {
          recent.clear();
        }
        recent.put(value.copy(), s);
      }
      return s;
    }
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

  private static Extractor timestamp(TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> c -> Instant.ofEpochMilli(c.getLong());
      case MICROS -> c -> micros(c.getLong());
      case NANOS -> c -> micros(Math.floorDiv(c.getLong(), 1000L));
    };
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /** Impala's INT96: nanos of the day (8 bytes LE), then the Julian day (4 bytes LE). */
  private static Instant int96(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long nanos = b.getLong();
    long julianDay = b.getInt();
    long epochDay = julianDay - 2_440_588L;
    return micros(epochDay * 86_400_000_000L + nanos / 1000);
  }

  private static MessageType footer(FileRef file) {
    try (ParquetFileReader r = ParquetFileReader.open(input(file))) {
      return r.getFooter().getFileMetaData().getSchema();
    } catch (IOException | RuntimeException e) {
      throw new SourceReadException(
          "file " + file.path() + " is not readable Parquet: " + e.getMessage(), e);
    }
  }

  private static InputFile input(FileRef file) {
    return new LocalInputFile(Path.of(file.path()));
  }
}
