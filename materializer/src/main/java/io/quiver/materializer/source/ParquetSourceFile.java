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
import java.util.List;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
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
    try (ParquetReader<Group> reader = reader(file, projection)) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        line++;
        convert(file, layout, sink, extractors, g, line);
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

  private static void convert(
      FileRef file, CuratedLayout layout, RowSink sink, Extractor[] ex, Group g, long line) {
    Object[] row = layout.newRow();
    for (int i = 0; i < ex.length; i++) {
      if (g.getFieldRepetitionCount(i) == 0) {
        continue;
      }
      try {
        row[i] = ex[i].get(g, i);
      } catch (InvalidValueException e) {
        sink.reject(
            file.path() + ":" + line,
            "column " + layout.columns().get(i).name() + ": " + e.getMessage(),
            g.toString());
        return;
      }
    }
    Object[] done = layout.complete(row);
    if (done == null) {
      sink.reject(file.path() + ":" + line, layout.missingTimeReason(), g.toString());
    } else {
      sink.accept(done);
    }
  }

  @FunctionalInterface
  private interface Extractor {
    Object get(Group g, int i);
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
                  : (g, i) -> g.getLong(i, 0);
          case INT32 -> (g, i) -> g.getInteger(i, 0);
          case DOUBLE -> (g, i) -> g.getDouble(i, 0);
          case FLOAT -> (g, i) -> g.getFloat(i, 0);
          case BOOLEAN -> (g, i) -> g.getBoolean(i, 0);
          case INT96 -> (g, i) -> int96(g.getInt96(i, 0).getBytes());
          case BINARY, FIXED_LEN_BYTE_ARRAY ->
              logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                  ? (g, i) -> g.getString(i, 0)
                  : (g, i) -> g.getBinary(i, 0).getBytes();
        };
    return (g, i) -> {
      Object v = raw.get(g, i);
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

  private static Extractor timestamp(TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> (g, i) -> Instant.ofEpochMilli(g.getLong(i, 0));
      case MICROS -> (g, i) -> micros(g.getLong(i, 0));
      case NANOS -> (g, i) -> micros(Math.floorDiv(g.getLong(i, 0), 1000L));
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

  private static ParquetReader<Group> reader(FileRef file, MessageType projection)
      throws IOException {
    return new ParquetReader.Builder<Group>(input(file)) {
      @Override
      protected ReadSupport<Group> getReadSupport() {
        return new GroupReadSupport();
      }
    }.set(ReadSupport.PARQUET_READ_SCHEMA, projection.toString()).build();
  }
}
