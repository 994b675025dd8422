package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;

/**
 * Appends one batch of rows to an offline table as ONE snapshot whose summary carries {@value
 * #BATCH_ID}. If the table's history already has a snapshot with that batch id, nothing is written
 * and the existing snapshot is returned: a run that crashed after the Iceberg commit can be re-run.
 * Writes one Parquet file per day partition touched (held open together), never deletes.
 */
public final class AppendBatch {
  /** Snapshot summary property naming the batch a snapshot appended. */
  public static final String BATCH_ID = "quiver.batch-id";

  private final EnsureTable ensureTable;

  public AppendBatch(Catalog catalog) {
    this.ensureTable = new EnsureTable(catalog);
  }

  /** Rows are {@code Object[]} of canonical Java values in {@code spec.columns()} order. */
  public AppendResult append(TableSpec spec, String batchId, Iterable<Object[]> rows) {
    return append(spec, batchId, rows, Map.of());
  }

  /**
   * The same, with extra snapshot summary properties (e.g. a quality report); names starting with
   * {@code quiver.} are Quiver's.
   */
  public AppendResult append(
      TableSpec spec, String batchId, Iterable<Object[]> rows, Map<String, String> summary) {
    if (batchId == null || batchId.isBlank()) {
      throw new IllegalArgumentException("batch id must not be blank");
    }
    Table table = ensureTable.apply(spec);
    Optional<Snapshot> existing = snapshotOfBatch(table, batchId);
    if (existing.isPresent()) {
      return AppendResult.alreadyCommitted(spec.identifier(), batchId, existing.get().snapshotId());
    }
    Written written = write(table, spec, rows);
    long snapshotId = commit(table, batchId, summary, written.files());
    return new AppendResult(
        spec.identifier(), batchId, snapshotId, true, written.rows(), written.files().size());
  }

  static Optional<Snapshot> snapshotOfBatch(Table table, String batchId) {
    for (Snapshot snapshot : table.snapshots()) {
      if (batchId.equals(snapshot.summary().get(BATCH_ID))) {
        return Optional.of(snapshot);
      }
    }
    return Optional.empty();
  }

  private record Written(List<DataFile> files, long rows) {}

  private static Written write(Table table, TableSpec spec, Iterable<Object[]> rows) {
    Schema schema = table.schema();
    RowMapper mapper = new RowMapper(spec, schema);
    GenericRecord record = GenericRecord.create(schema);
    PartitionKey partition = new PartitionKey(table.spec(), schema);
    InternalRecordWrapper internal = new InternalRecordWrapper(schema.asStruct());
    FanoutDataWriter<Record> writer = newWriter(table, schema);
    long count = 0;
    try (writer) {
      for (Object[] row : rows) {
        mapper.fill(record, row); // the Parquet writer copies values out: one record is reused
        partition.partition(internal.wrap(record));
        writer.write(record, table.spec(), partition);
        count++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("writing to " + spec.identifier() + " failed", e);
    } catch (RuntimeException e) {
      closeQuietly(writer);
      try {
        deleteQuietly(table, writer.result().dataFiles());
      } catch (RuntimeException noResult) {
        e.addSuppressed(noResult);
      }
      throw e;
    }
    return new Written(writer.result().dataFiles(), count);
  }

  private static FanoutDataWriter<Record> newWriter(Table table, Schema schema) {
    GenericFileWriterFactory files =
        new GenericFileWriterFactory.Builder(table)
            .dataFileFormat(FileFormat.PARQUET)
            .dataSchema(schema)
            .build();
    OutputFileFactory names =
        OutputFileFactory.builderFor(table, 0, 0).format(FileFormat.PARQUET).build();
    long targetSize =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    return new FanoutDataWriter<>(files, names, table.io(), targetSize);
  }

  private static long commit(
      Table table, String batchId, Map<String, String> summary, List<DataFile> files) {
    AppendFiles append = table.newAppend();
    summary.forEach(append::set);
    append.set(BATCH_ID, batchId);
    files.forEach(append::appendFile);
    try {
      append.commit();
    } catch (CommitStateUnknownException e) {
      throw e; // the files may be committed: a re-run with the same batch id finds out
    } catch (RuntimeException e) {
      deleteQuietly(table, files);
      throw e;
    }
    return snapshotOfBatch(table, batchId).orElseThrow().snapshotId();
  }

  private static void closeQuietly(FanoutDataWriter<?> writer) {
    try {
      writer.close();
    } catch (IOException | RuntimeException ignored) {
      // the original failure is the one to report
    }
  }

  /** Removes files this call wrote but did not commit: they belong to no snapshot. */
  private static void deleteQuietly(Table table, List<DataFile> files) {
    for (DataFile file : files) {
      try {
        table.io().deleteFile(file.location());
      } catch (RuntimeException ignored) {
        // an orphan file is harmless: readers only see planned files
      }
    }
  }

  /** Maps a row in spec order onto the table schema's positions, converting each value. */
  private static final class RowMapper {
    private final int[] positions;
    private final boolean[] required;
    private final UnaryOperator<Object>[] converters;
    private final List<Column> columns;

    @SuppressWarnings("unchecked")
    RowMapper(TableSpec spec, Schema schema) {
      columns = spec.columns();
      positions = new int[columns.size()];
      required = new boolean[columns.size()];
      converters = new UnaryOperator[columns.size()];
      List<Types.NestedField> fields = schema.columns();
      for (int i = 0; i < columns.size(); i++) {
        Types.NestedField field = schema.findField(columns.get(i).name());
        positions[i] = fields.indexOf(field);
        required[i] = field.isRequired();
        converters[i] = ValueConverters.toIceberg(field);
      }
    }

    void fill(GenericRecord record, Object[] row) {
      if (row.length != positions.length) {
        throw new IllegalArgumentException(
            "row has " + row.length + " values, the table spec " + columns.size() + " columns");
      }
      for (int i = 0; i < row.length; i++) {
        Object value = row[i];
        if (value == null && required[i]) {
          throw new IllegalArgumentException(
              "column " + columns.get(i).name() + " must not be null");
        }
        record.set(positions[i], value == null ? null : converters[i].apply(value));
      }
    }
  }
}
