package io.quiver.offline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.StructLike;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.parquet.InternalWriter;
import org.apache.iceberg.deletes.EqualityDeleteWriter;
import org.apache.iceberg.deletes.PositionDeleteWriter;
import org.apache.iceberg.encryption.EncryptedOutputFile;
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.parquet.Parquet;
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
    RowMapper row = new RowMapper(spec, schema);
    PartitionKey partition = new PartitionKey(table.spec(), schema);
    FanoutDataWriter<StructLike> writer = newWriter(table, schema);
    long count = 0;
    try (writer) {
      for (Object[] values : rows) {
        row.set(values); // the Parquet writer copies values out: one struct is reused
        partition.partition(row);
        writer.write(row, table.spec(), partition);
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

  private static FanoutDataWriter<StructLike> newWriter(Table table, Schema schema) {
    OutputFileFactory names =
        OutputFileFactory.builderFor(table, 0, 0).format(FileFormat.PARQUET).build();
    long targetSize =
        PropertyUtil.propertyAsLong(
            table.properties(),
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
            TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
    return new FanoutDataWriter<>(new InternalParquetFiles(table), names, table.io(), targetSize);
  }

  /**
   * Data files written from Iceberg's internal representation (no generic records): the table's
   * schema, partitioning, properties and metrics settings. Append-only, so no delete writers.
   */
  private record InternalParquetFiles(Table table) implements FileWriterFactory<StructLike> {
    @Override
    public DataWriter<StructLike> newDataWriter(
        EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
      try {
        return Parquet.writeData(file)
            .forTable(table)
            .withSpec(spec)
            .withPartition(partition)
            .createWriterFunc(InternalWriter::createWriter)
            .overwrite()
            .build();
      } catch (IOException e) {
        throw new UncheckedIOException("creating " + file.encryptingOutputFile().location(), e);
      }
    }

    @Override
    public EqualityDeleteWriter<StructLike> newEqualityDeleteWriter(
        EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
      throw new UnsupportedOperationException("offline tables are append-only");
    }

    @Override
    public PositionDeleteWriter<StructLike> newPositionDeleteWriter(
        EncryptedOutputFile file, PartitionSpec spec, StructLike partition) {
      throw new UnsupportedOperationException("offline tables are append-only");
    }
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

  /**
   * A row in spec order seen as a struct of the table schema, each value converted to Iceberg's
   * internal representation as the writer asks for it.
   */
  private static final class RowMapper implements StructLike {
    private final int[] specIndex;
    private final UnaryOperator<Object>[] converters;
    private final List<Column> columns;
    private final int[] required;
    private Object[] row;

    @SuppressWarnings("unchecked")
    RowMapper(TableSpec spec, Schema schema) {
      columns = spec.columns();
      List<Types.NestedField> fields = schema.columns();
      specIndex = new int[fields.size()];
      Arrays.fill(specIndex, -1);
      converters = new UnaryOperator[fields.size()];
      for (int i = 0; i < columns.size(); i++) {
        Types.NestedField field = schema.findField(columns.get(i).name());
        int position = fields.indexOf(field);
        specIndex[position] = i;
        converters[position] = ValueConverters.toInternal(field);
      }
      required =
          IntStream.range(0, columns.size())
              .filter(i -> schema.findField(columns.get(i).name()).isRequired())
              .toArray();
    }

    void set(Object[] values) {
      if (values.length != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + values.length + " values, the table spec " + columns.size() + " columns");
      }
      for (int i : required) {
        if (values[i] == null) {
          throw new IllegalArgumentException(
              "column " + columns.get(i).name() + " must not be null");
        }
      }
      this.row = values;
    }

    @Override
    public int size() {
      return specIndex.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      int i = specIndex[pos];
      Object value = i < 0 ? null : row[i];
      return javaClass.cast(value == null ? null : converters[pos].apply(value));
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("a row being written is read-only");
    }
  }
}
