package io.quiver.materializer.source;

import io.quiver.core.value.EpochMicros;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;

/**
 * A Parquet file read with parquet-mr's column readers, row group by row group: values come
 * straight off each column, with no record assembly (which builds an object per value and was
 * several times slower for a FILE source). Shared by the FILE source reader and the curated
 * read-back, which differ only in what they do with the values.
 *
 * <p>A column reader starts on a row group's first value; a caller reads (or {@link
 * ColumnReader#skip()}s) the value where it is defined, then {@link ColumnReader#consume()}s it.
 * Consuming a defined value without reading or skipping it leaves the values out of step with the
 * levels.
 */
public final class ParquetColumns implements AutoCloseable {
  private final ParquetFileReader reader;
  private final String createdBy;
  private MessageType projection;
  private GroupConverter ignored;

  private ParquetColumns(ParquetFileReader reader) {
    this.reader = reader;
    this.createdBy = reader.getFooter().getFileMetaData().getCreatedBy();
  }

  public static ParquetColumns open(InputFile file) throws IOException {
    return new ParquetColumns(ParquetFileReader.open(file));
  }

  /** The file's own schema, from its footer. */
  public MessageType schema() {
    return reader.getFooter().getFileMetaData().getSchema();
  }

  /** The file's rows, from its footer. */
  public long rowCount() {
    return reader.getRecordCount();
  }

  /** Reads only {@code projection}'s columns from here on; call before the first row group. */
  public void project(MessageType projection) {
    this.projection = projection;
    reader.setRequestedSchema(projection);
    // the column store wants a record converter; values are read from the column readers
    this.ignored = new GroupRecordConverter(projection).getRootConverter();
  }

  /** The next row group's column readers, in the projection's leaf order; null after the last. */
  public RowGroup next() throws IOException {
    PageReadStore pages = reader.readNextRowGroup();
    if (pages == null) {
      return null;
    }
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, ignored, projection, createdBy);
    List<ColumnDescriptor> leaves = projection.getColumns();
    ColumnReader[] columns = new ColumnReader[leaves.size()];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = store.getColumnReader(leaves.get(i));
    }
    return new RowGroup(Math.toIntExact(pages.getRowCount()), columns);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }

  /** One row group: its row count and a reader per projected leaf column. */
  public record RowGroup(int rows, ColumnReader[] columns) {}

  /** The value at a column reader's position, where it is defined. */
  @FunctionalInterface
  public interface Value {
    Object get(ColumnReader c);
  }

  /**
   * Reads a primitive column as the Java value its physical and logical type give: Long, Integer,
   * Double, Float, Boolean, String (UTF-8 strings), byte[] (other binary), Instant (timestamps and
   * INT96).
   */
  public static Value value(PrimitiveType p) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    return switch (p.getPrimitiveTypeName()) {
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
  }

  /**
   * Decodes string values, returning one String per distinct recent value: string columns are
   * mostly low-cardinality (types, categories), and a batch holds its rows, so a String per row was
   * a large share of what the collector copied. Bounded: a high-cardinality column just refills it.
   */
  private static final class Strings implements Value {
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

  private static Value timestamp(TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> c -> Instant.ofEpochMilli(c.getLong());
      case MICROS -> c -> EpochMicros.toInstant(c.getLong());
      case NANOS -> c -> EpochMicros.toInstant(Math.floorDiv(c.getLong(), 1000L));
    };
  }

  /** Impala's INT96: nanos of the day (8 bytes LE), then the Julian day (4 bytes LE). */
  private static Instant int96(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long nanos = b.getLong();
    long julianDay = b.getInt();
    long epochDay = julianDay - 2_440_588L;
    return EpochMicros.toInstant(epochDay * 86_400_000_000L + nanos / 1000);
  }
}
