package io.quiver.offline;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.apache.avro.util.Utf8;
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
import org.apache.iceberg.io.ClusteredDataWriter;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.FileWriterFactory;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.PartitioningWriter;
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
    List<ClusteredDataWriter<StructLike>> writers = new ArrayList<>();
    for (int k = 0; k < pieces; k++) {
      writers.add(
          new ClusteredDataWriter<>(files(table), names(table), table.io(), targetSize(table)));
    }
    Throwable[] failures = new Throwable[pieces];
    Thread[] others = new Thread[pieces];
    for (int k = 1; k < pieces; k++) {
      int piece = k;
      others[k] =
          new Thread(
              () -> failures[piece] = writePiece(table, spec, rows, at, days, piece, writers),
              "offline-append-" + k);
      others[k].start();
    }
    failures[0] = writePiece(table, spec, rows, at, days, 0, writers);
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
      for (ClusteredDataWriter<StructLike> writer : writers) {
        abandon(table, writer, failure);
      }
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      if (failure instanceof Error e) {
        throw e;
      }
      throw new UncheckedIOException(
          "writing to " + spec.identifier() + " failed", (IOException) failure);
    }
    List<DataFile> files = new ArrayList<>();
    writers.forEach(w -> files.addAll(w.result().dataFiles()));
    return new Written(files, rows.size());
  }

  /**
   * Writes piece {@code k} of {@code writers.size()}, the k-th share of each day's rows, and closes
   * its writer; returns what it threw, if anything.
   */
  private static Throwable writePiece(
      Table table,
      TableSpec spec,
      ColumnarRows rows,
      int at,
      int[][] days,
      int k,
      List<ClusteredDataWriter<StructLike>> writers) {
    int pieces = writers.size();
    ColumnRow row = new ColumnRow(spec, table.schema(), rows);
    PartitionKey partition = new PartitionKey(table.spec(), table.schema());
    try (ClusteredDataWriter<StructLike> writer = writers.get(k)) {
      for (int[] day : days) {
        int from = (int) ((long) day.length * k / pieces);
        int to = (int) ((long) day.length * (k + 1) / pieces);
        if (from == to) {
          continue;
        }
        partition.set(0, Math.toIntExact(Math.floorDiv(rows.micros(at, day[0]), DAY_MICROS)));
        for (int i = from; i < to; i++) {
          row.at(day[i]);
          writer.write(row, table.spec(), partition);
        }
      }
      return null;
    } catch (IOException | RuntimeException | Error e) {
      return e;
    }
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

  private static FileWriterFactory<StructLike> files(Table table) {
    return new InternalParquetFiles(table);
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
   * Where each field of the table schema is in the spec's column order, how its canonical values
   * convert to Iceberg's internal representation, and which spec columns must not be null.
   */
  private static final class Mapping {
    final List<Column> columns;
    final int[] specIndex;
    final UnaryOperator<Object>[] converters;
    final int[] required;

    @SuppressWarnings("unchecked")
    Mapping(TableSpec spec, Schema schema) {
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

    IllegalArgumentException nullIn(int column) {
      return new IllegalArgumentException(
          "column " + columns.get(column).name() + " must not be null");
    }
  }

  /**
   * A row in spec order seen as a struct of the table schema, each value converted to Iceberg's
   * internal representation as the writer asks for it.
   */
  private static final class RowMapper implements StructLike {
    private final Mapping mapping;
    private Object[] row;

    RowMapper(TableSpec spec, Schema schema) {
      mapping = new Mapping(spec, schema);
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

  /**
   * Row {@link #at} of columnar rows seen as a struct of the table schema: timestamps go to the
   * writer as the microseconds they are held in, other values converted as in {@link RowMapper}.
   */
  private static final class ColumnRow implements StructLike {
    private static final int UTF8_CACHED = 4096;
    private final Mapping mapping;
    private final ColumnarRows rows;
    private final ValueType[] types; // by spec column
    // a batch's strings are mostly a few instances repeated (the readers share them): each one's
    // UTF-8 is encoded once, where the writer encoded every row's again
    private final Map<String, Utf8> utf8 = new IdentityHashMap<>();
    private int row;

    ColumnRow(TableSpec spec, Schema schema, ColumnarRows rows) {
      this.mapping = new Mapping(spec, schema);
      this.rows = rows;
      this.types = mapping.columns.stream().map(Column::type).toArray(ValueType[]::new);
    }

    void at(int r) {
      for (int i : mapping.required) {
        if (rows.isNull(i, r)) {
          throw mapping.nullIn(i);
        }
      }
      this.row = r;
    }

    @Override
    public int size() {
      return mapping.specIndex.length;
    }

    @Override
    public <T> T get(int pos, Class<T> javaClass) {
      int i = mapping.specIndex[pos];
      if (i < 0 || rows.isNull(i, row)) {
        return null;
      }
      if (types[i] == ValueType.TIMESTAMP) {
        return javaClass.cast(rows.micros(i, row));
      }
      Object value = mapping.converters[pos].apply(rows.value(i, row));
      if (types[i] == ValueType.STRING && javaClass.isAssignableFrom(Utf8.class)) {
        return javaClass.cast(utf8((String) value));
      }
      return javaClass.cast(value);
    }

    private Utf8 utf8(String s) {
      Utf8 encoded = utf8.get(s);
      if (encoded == null) {
        if (utf8.size() == UTF8_CACHED) {
          utf8.clear(); // a column of mostly distinct strings just refills it
        }
        encoded = new Utf8(s);
        utf8.put(s, encoded);
      }
      return encoded;
    }

    @Override
    public <T> void set(int pos, T value) {
      throw new UnsupportedOperationException("a row being written is read-only");
    }
  }
}
