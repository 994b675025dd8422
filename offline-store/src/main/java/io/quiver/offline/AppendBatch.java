package io.quiver.offline;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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
import org.apache.iceberg.exceptions.CommitStateUnknownException;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.PartitioningWriter;
import org.apache.iceberg.io.RollingDataWriter;
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
  private final int rowsPerWriter;

  public AppendBatch(Catalog catalog) {
    this(catalog, ROWS_PER_WRITER);
  }

  /** With writers side by side from {@code rowsPerWriter} rows a writer (tests: small batches). */
  AppendBatch(Catalog catalog, int rowsPerWriter) {
    this.ensureTable = new EnsureTable(catalog);
    this.rowsPerWriter = rowsPerWriter;
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
    return append(spec, batchId, summary, table -> write(table, spec, rows));
  }

  /**
   * The same for rows held by column: each day's rows go to their partition's file in the order
   * given, read in place (no row arrays, no partition computed and looked up per row).
   */
  public AppendResult append(
      TableSpec spec, String batchId, ColumnarRows rows, Map<String, String> summary) {
    return append(spec, batchId, summary, table -> write(table, spec, rows));
  }

  private AppendResult append(
      TableSpec spec, String batchId, Map<String, String> summary, Function<Table, Written> write) {
    if (batchId == null || batchId.isBlank()) {
      throw new IllegalArgumentException("batch id must not be blank");
    }
    Table table = ensureTable.apply(spec);
    Optional<Snapshot> existing = snapshotOfBatch(table, batchId);
    if (existing.isPresent()) {
      return AppendResult.alreadyCommitted(spec.identifier(), batchId, existing.get().snapshotId());
    }
    Written written = write.apply(table);
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
    FanoutDataWriter<StructLike> writer =
        new FanoutDataWriter<>(files(table), names(table), table.io(), targetSize(table));
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
      abandon(table, writer, e);
      throw e;
    }
    return new Written(writer.result().dataFiles(), count);
  }

  private static final long DAY_MICROS = 86_400_000_000L;

  /**
   * A columnar batch is written by one writer per this many rows, at most one a core, side by side,
   * each a share of every day: encoding millions of rows is seconds of a core's work, and a batch
   * below twice this keeps to one file a day.
   */
  static final int ROWS_PER_WRITER = 500_000;

  private Written write(Table table, TableSpec spec, ColumnarRows rows) {
    int at = spec.columns().stream().map(Column::name).toList().indexOf(spec.partitionColumn());
    if (!partitionedByDayOf(table, spec.partitionColumn())) {
      return write(table, spec, asArrays(spec, rows)); // a table partitioned otherwise since
    }
    int[][] days = byDay(rows, at, spec.partitionColumn());
    int pieces =
        Math.max(
            1, Math.min(Runtime.getRuntime().availableProcessors(), rows.size() / rowsPerWriter));
    FileWriterFactory<ColumnarParquetWriter.RowIndex> files =
        ColumnarParquetWriter.files(table, spec, rows);
    List<List<DataFile>> written = new ArrayList<>();
    for (int k = 0; k < pieces; k++) {
      written.add(new ArrayList<>());
    }
    Throwable[] failures = new Throwable[pieces];
    Thread[] others = new Thread[pieces];
    for (int k = 1; k < pieces; k++) {
      int piece = k;
      others[k] =
          new Thread(
              () -> failures[piece] = writePiece(table, files, rows, at, days, piece, written),
              "offline-append-" + k);
      others[k].start();
    }
    failures[0] = writePiece(table, files, rows, at, days, 0, written);
    for (int k = 1; k < pieces; k++) {
      joinUninterruptibly(others[k]);
    }
    Throwable failure = null;
    for (Throwable f : failures) {
      if (f != null && failure == null) {
        failure = f;
      } else if (f != null) {
        failure.addSuppressed(f);
      }
    }
    if (failure != null) {
      written.forEach(w -> deleteQuietly(table, w));
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new UncheckedIOException(
          "writing to " + spec.identifier() + " failed", (IOException) failure);
    }
    return new Written(written.stream().flatMap(List::stream).toList(), rows.size());
  }

  /**
   * Writes piece {@code k} of {@code written.size()}, the k-th share of each day's rows, a rolling
   * file writer a day, adding the files it wrote to {@code written.get(k)} (also on failure);
   * returns what it threw, if anything.
   */
  private static Throwable writePiece(
      Table table,
      FileWriterFactory<ColumnarParquetWriter.RowIndex> files,
      ColumnarRows rows,
      int at,
      int[][] days,
      int k,
      List<List<DataFile>> written) {
    int pieces = written.size();
    OutputFileFactory names = names(table);
    ColumnarParquetWriter.RowIndex row = new ColumnarParquetWriter.RowIndex();
    for (int[] day : days) {
      int from = (int) ((long) day.length * k / pieces);
      int to = (int) ((long) day.length * (k + 1) / pieces);
      if (from == to) {
        continue;
      }
      PartitionKey partition = new PartitionKey(table.spec(), table.schema());
      partition.set(0, Math.toIntExact(Math.floorDiv(rows.micros(at, day[0]), DAY_MICROS)));
      RollingDataWriter<ColumnarParquetWriter.RowIndex> writer =
          new RollingDataWriter<>(
              files, names, table.io(), targetSize(table), table.spec(), partition);
      Throwable failure = null;
      try {
        for (int i = from; i < to; i++) {
          row.row = day[i];
          writer.write(row);
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      try {
        writer.close();
        written.get(k).addAll(writer.result().dataFiles());
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          return e;
        }
        failure.addSuppressed(e); // its files, if any, are orphans: no snapshot names them
      }
      if (failure != null) {
        return failure;
      }
    }
    return null;
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the writer's files must be known before anything is reported
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether the table is partitioned by the day of {@code column} alone, as EnsureTable makes it.
   */
  private static boolean partitionedByDayOf(Table table, String column) {
    PartitionSpec spec = table.spec();
    Types.NestedField field = table.schema().findField(column);
    return field != null
        && spec.fields().size() == 1
        && spec.fields().get(0).sourceId() == field.fieldId()
        && spec.fields().get(0).transform().toString().equals("day");
  }

  /**
   * The rows' indexes by day of column {@code at}, days in ascending order, each day's rows in
   * their order; a null there fails, as it would in a row.
   */
  private static int[][] byDay(ColumnarRows rows, int at, String name) {
    int n = rows.size();
    int[] slotOf = new int[n];
    Map<Long, Integer> slots = new HashMap<>();
    List<Long> days = new ArrayList<>();
    int[] counts = new int[0];
    int last = -1;
    long lastDay = 0;
    for (int r = 0; r < n; r++) {
      if (rows.isNull(at, r)) {
        throw new IllegalArgumentException("column " + name + " must not be null");
      }
      long day = Math.floorDiv(rows.micros(at, r), DAY_MICROS);
      if (last < 0 || day != lastDay) { // rows mostly come in runs of one day: few lookups
        last = slots.computeIfAbsent(day, d -> days.size());
        if (last == days.size()) {
          days.add(day);
          counts = Arrays.copyOf(counts, days.size());
        }
        lastDay = day;
      }
      slotOf[r] = last;
      counts[last]++;
    }
    Integer[] ascending = new Integer[days.size()];
    for (int d = 0; d < ascending.length; d++) {
      ascending[d] = d;
    }
    Arrays.sort(ascending, Comparator.comparingLong(days::get));
    int[][] bySlot = new int[days.size()][];
    for (int d = 0; d < bySlot.length; d++) {
      bySlot[d] = new int[counts[d]];
    }
    int[] filled = new int[days.size()];
    for (int r = 0; r < n; r++) {
      bySlot[slotOf[r]][filled[slotOf[r]]++] = r;
    }
    int[][] out = new int[days.size()][];
    for (int d = 0; d < out.length; d++) {
      out[d] = bySlot[ascending[d]];
    }
    return out;
  }

  /** The rows as arrays of canonical values, for the general path. */
  private static Iterable<Object[]> asArrays(TableSpec spec, ColumnarRows rows) {
    List<Column> columns = spec.columns();
    return () ->
        IntStream.range(0, rows.size())
            .mapToObj(
                r -> {
                  Object[] row = new Object[columns.size()];
                  for (int c = 0; c < row.length; c++) {
                    if (rows.isNull(c, r)) {
                      continue;
                    }
                    row[c] =
                        columns.get(c).type() == ValueType.TIMESTAMP
                            ? EpochMicros.toInstant(rows.micros(c, r))
                            : rows.value(c, r);
                  }
                  return row;
                })
            .iterator();
  }

  /** Deletes what a failed write left, keeping {@code failure} the error reported. */
  private static void abandon(
      Table table, PartitioningWriter<StructLike, DataWriteResult> writer, Throwable failure) {
    try {
      writer.close();
    } catch (IOException | RuntimeException ignored) {
      // the original failure is the one to report
    }
    try {
      deleteQuietly(table, writer.result().dataFiles());
    } catch (RuntimeException noResult) {
      failure.addSuppressed(noResult);
    }
  }

  /** Data files written from Iceberg's internal representation (no generic records). */
  private static FileWriterFactory<StructLike> files(Table table) {
    return new ParquetDataFiles<>(table, InternalWriter::createWriter);
  }

  private static OutputFileFactory names(Table table) {
    return OutputFileFactory.builderFor(table, 0, 0).format(FileFormat.PARQUET).build();
  }

  private static long targetSize(Table table) {
    return PropertyUtil.propertyAsLong(
        table.properties(),
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
        TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
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
    private final ColumnMapping mapping;
    private Object[] row;

    RowMapper(TableSpec spec, Schema schema) {
      mapping = new ColumnMapping(spec, schema);
    }

    void set(Object[] values) {
      if (values.length != mapping.columns.size()) {
        throw new IllegalArgumentException(
            "row has "
                + values.length
                + " values, the table spec "
                + mapping.columns.size()
                + " columns");
      }
      for (int i : mapping.required) {
        if (values[i] == null) {
          throw mapping.nullIn(i);
        }
      }
      this.row = values;
    }

    @Override
    public int size() {
      return mapping.specIndex.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      int i = mapping.specIndex[pos];
      Object value = i < 0 ? null : row[i];
      return javaClass.cast(value == null ? null : mapping.converters[pos].apply(value));
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("a row being written is read-only");
    }
  }
}
