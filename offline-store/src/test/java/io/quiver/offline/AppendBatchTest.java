package io.quiver.offline;

import static io.quiver.offline.TestStore.at;
import static io.quiver.offline.TestStore.comparable;
import static io.quiver.offline.TestStore.row;
import static io.quiver.offline.TestStore.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.quiver.core.model.ValueType;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.junit.jupiter.api.Test;

class AppendBatchTest {
  private final IcebergOfflineStore store = TestStore.store();
  private final String project = TestStore.newProject();

  private static final List<Column> KEYS = List.of(Column.of("user_id", ValueType.STRING));
  private static final List<Column> ALL_TYPES =
      List.of(
          Column.of("f_bool", ValueType.BOOL),
          Column.of("f_int32", ValueType.INT32),
          Column.of("f_int64", ValueType.INT64),
          Column.of("f_float", ValueType.FLOAT),
          Column.of("f_double", ValueType.DOUBLE),
          Column.of("f_string", ValueType.STRING),
          Column.of("f_bytes", ValueType.BYTES),
          Column.of("f_time", ValueType.TIMESTAMP),
          Column.of("f_floats", ValueType.FLOAT_LIST),
          Column.of("f_doubles", ValueType.DOUBLE_LIST),
          Column.of("f_longs", ValueType.INT64_LIST),
          Column.of("f_strings", ValueType.STRING_LIST));

  private FeatureTableSpec allTypes() {
    return FeatureTableSpec.select(project, "user_features", 1, KEYS, ALL_TYPES);
  }

  private static List<Object[]> allTypesRows() {
    return rows(
        row(
            "u1",
            at("2026-01-01T10:00:00.123456Z"),
            at("2026-01-01T10:00:01Z"),
            true,
            7,
            1L << 40,
            1.5f,
            2.25,
            "hello",
            new byte[] {1, 2, 3},
            at("1999-12-31T23:59:59.999999Z"),
            List.of(0.5f, -1f),
            List.of(1e-3, 2.0),
            List.of(1L, Long.MAX_VALUE),
            List.of("a", "b")),
        row(
            "u2",
            at("2026-01-02T00:00:00Z"),
            at("2026-01-02T00:00:00Z"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null));
  }

  @Test
  void readsBackExactlyWhatWasAppended() {
    FeatureTableSpec spec = allTypes();
    AppendResult result = store.append(spec, "batch-1", allTypesRows());

    assertThat(result.committed()).isTrue();
    assertThat(result.rows()).isEqualTo(2);
    assertThat(result.files()).as("one file per day partition").isEqualTo(2);
    List<Map<String, Object>> read = sortedScan(spec);
    assertThat(read)
        .containsExactlyElementsOf(
            allTypesRows().stream().map(r -> comparable(spec.columns(), r)).toList());
  }

  @Test
  void commitsOneSnapshotCarryingTheBatchId() {
    FeatureTableSpec spec = allTypes();
    AppendResult result = store.append(spec, "batch-7", allTypesRows());

    Table table = store.catalog().loadTable(spec.identifier());
    assertThat(table.snapshots()).hasSize(1);
    Snapshot snapshot = table.currentSnapshot();
    assertThat(snapshot.snapshotId()).isEqualTo(result.snapshotId());
    assertThat(snapshot.summary()).containsEntry(AppendBatch.BATCH_ID, "batch-7");
    assertThat(snapshot.operation()).isEqualTo("append");
  }

  @Test
  void sameBatchTwiceCommitsOnceWithoutDuplicateRows() {
    FeatureTableSpec spec = allTypes();
    AppendResult first = store.append(spec, "batch-1", allTypesRows());
    AppendResult again = store.append(spec, "batch-1", allTypesRows());
    store.append(spec, "batch-2", allTypesRows().subList(0, 1));
    AppendResult stillAgain = store.append(spec, "batch-1", allTypesRows());

    assertThat(again.committed()).isFalse();
    assertThat(again.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(stillAgain.snapshotId()).isEqualTo(first.snapshotId());
    assertThat(store.catalog().loadTable(spec.identifier()).snapshots()).hasSize(2);
    assertThat(store.scan(spec.identifier(), null)).hasSize(3);
  }

  @Test
  void addedFeatureReadsNullForOldRowsAndWidenedColumnReadsAsLong() {
    FeatureTableSpec v1 =
        FeatureTableSpec.select(
            project, "counts", 1, KEYS, List.of(Column.of("event_count", ValueType.INT32)));
    store.append(
        v1, "b1", rows(row("u1", at("2026-01-01T00:00:00Z"), at("2026-01-01T00:00:00Z"), 3)));
    FeatureTableSpec evolved =
        FeatureTableSpec.select(
            project,
            "counts",
            1,
            KEYS,
            List.of(
                Column.of("event_count", ValueType.INT64),
                Column.of("last_type", ValueType.STRING)));
    store.append(
        evolved,
        "b2",
        rows(row("u2", at("2026-01-01T01:00:00Z"), at("2026-01-01T01:00:00Z"), 5L, "click")));

    assertThat(store.plan(evolved.identifier(), null).columns())
        .contains(
            Column.of("event_count", ValueType.INT64), Column.of("last_type", ValueType.STRING));
    assertThat(sortedScan(evolved))
        .extracting(r -> r.get("user_id"), r -> r.get("event_count"), r -> r.get("last_type"))
        .containsExactly(tuple("u1", 3L, null), tuple("u2", 5L, "click"));
  }

  @Test
  void olderNarrowerSpecStillWritesIntoWidenedTable() {
    List<Column> wide = List.of(Column.of("total", ValueType.DOUBLE));
    List<Column> narrow = List.of(Column.of("total", ValueType.FLOAT));
    Instant t = at("2026-01-01T00:00:00Z");
    store.append(
        FeatureTableSpec.select(project, "sums", 1, KEYS, wide), "b1", rows(row("u1", t, t, 1.5)));
    store.append(
        FeatureTableSpec.select(project, "sums", 1, KEYS, narrow),
        "b2",
        rows(row("u2", t, t, 2.5f)));

    assertThat(store.scan(TableNames.feature(project, "sums", 1), null))
        .extracting(r -> r.get("total"))
        .containsExactlyInAnyOrder(1.5, 2.5);
  }

  @Test
  void retypingAFeatureIsRefusedAsNeedingANewVersion() {
    Instant t = at("2026-01-01T00:00:00Z");
    store.append(
        FeatureTableSpec.select(project, "v", 1, KEYS, List.of(Column.of("x", ValueType.STRING))),
        "b1",
        rows(row("u1", t, t, "a")));
    FeatureTableSpec retyped =
        FeatureTableSpec.select(project, "v", 1, KEYS, List.of(Column.of("x", ValueType.INT64)));

    assertThatThrownBy(() -> store.append(retyped, "b2", rows(row("u1", t, t, 1L))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column x (INT64) is stored as STRING");
  }

  @Test
  void wrongValueTypeIsRejectedNamingTheColumnAndNothingIsCommitted() {
    FeatureTableSpec spec =
        FeatureTableSpec.select(project, "v", 1, KEYS, List.of(Column.of("n", ValueType.INT64)));
    Instant t = at("2026-01-01T00:00:00Z");

    assertThatThrownBy(() -> store.append(spec, "b1", rows(row("u1", t, t, "seven"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column n expects Long, got String");
    assertThat(store.catalog().loadTable(spec.identifier()).snapshots()).isEmpty();
  }

  @Test
  void tilesTableKeepsOpaquePartialStatesPerHop() {
    FeatureTableSpec spec =
        FeatureTableSpec.tiles(project, "user_stats", 2, KEYS, List.of("count_1h", "sum_7d"));
    Instant tile = at("2026-03-01T10:00:00Z");
    store.append(
        spec,
        "tiles-1",
        rows(
            row("u1", tile, 300L, at("2026-03-01T10:04:00Z"), new byte[] {1}, new byte[] {9, 9}),
            row("u1", tile, 3600L, at("2026-03-01T10:59:00Z"), null, new byte[] {8})));

    Table table = store.catalog().loadTable(TableNames.feature(project, "user_stats", 2));
    assertThat(table.spec().fields())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.transform().toString()).isEqualTo("day");
              assertThat(table.schema().findColumnName(f.sourceId())).isEqualTo("tile_start");
            });
    assertThat(store.scan(spec.identifier(), null))
        .map(TestStore::comparable)
        .extracting(r -> r.get("hop_seconds"), r -> r.get("count_1h"), r -> r.get("sum_7d"))
        .containsExactlyInAnyOrder(tuple(300L, "01", "0909"), tuple(3600L, null, "08"));
  }

  @Test
  void tilePartialColumnsAreWrittenWithoutAParquetDictionary() throws Exception {
    FeatureTableSpec spec =
        FeatureTableSpec.tiles(project, "user_stats", 3, KEYS, List.of("count_1h"));
    Instant tile = at("2026-03-01T10:00:00Z");
    List<Object[]> same = new ArrayList<>();
    for (int i = 0; i < 100; i++) { // one repeated value: a dictionary would be used if allowed
      same.add(row("u1", tile, 3600L, tile, new byte[] {7}));
    }
    store.append(spec, "tiles-dict", same);

    Table table = store.catalog().loadTable(spec.identifier());
    List<DataFile> files = new ArrayList<>();
    table.currentSnapshot().addedDataFiles(table.io()).forEach(files::add);
    try (ParquetFileReader reader =
        ParquetFileReader.open(new LocalInputFile(Path.of(URI.create(files.get(0).location()))))) {
      Map<String, Boolean> dictionary = new HashMap<>();
      for (ColumnChunkMetaData c : reader.getFooter().getBlocks().get(0).getColumns()) {
        dictionary.put(c.getPath().toDotString(), c.hasDictionaryPage());
      }
      assertThat(dictionary).containsEntry("count_1h", false).containsEntry("user_id", true);
    }
  }

  @Test
  void quarantinedBatchKeepsRowsWithNullsAndItsReportInTheSnapshot() {
    FeatureTableSpec view =
        FeatureTableSpec.select(project, "v", 1, KEYS, List.of(Column.of("n", ValueType.INT64)));
    QuarantineTableSpec quarantine = new QuarantineTableSpec(project, "v", view);
    Instant t = at("2026-01-01T00:00:00Z");

    AppendResult result =
        store.append(
            quarantine,
            "b1",
            rows(row(null, t, t, 1L)),
            Map.of("quiver.quality-report", "{\"completeness(user_id)\":0.0}"));

    Table table = store.catalog().loadTable(TableNames.quarantine(project, "v"));
    assertThat(table.snapshot(result.snapshotId()).summary())
        .containsEntry("quiver.quality-report", "{\"completeness(user_id)\":0.0}")
        .containsEntry(AppendBatch.BATCH_ID, "b1");
    assertThat(store.scan(quarantine.identifier(), null))
        .extracting(r -> r.get("user_id"), r -> r.get("n"))
        .containsExactly(tuple(null, 1L));
  }

  @Test
  void emptyBatchStillRecordsItsBatchIdSoARerunIsSkipped() {
    FeatureTableSpec spec = allTypes();

    AppendResult empty = store.append(spec, "quiet-hour", List.of());
    AppendResult rerun = store.append(spec, "quiet-hour", allTypesRows());

    assertThat(empty.committed()).isTrue();
    assertThat(empty.files()).isZero();
    assertThat(rerun.committed()).isFalse();
    assertThat(store.scan(spec.identifier(), null)).isEmpty();
  }

  @Test
  void requiredColumnMustNotBeNull() {
    FeatureTableSpec spec = allTypes();
    Object[] row = allTypesRows().get(0).clone();
    row[0] = null;

    assertThatThrownBy(() -> store.append(spec, "b1", rows(row)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column user_id must not be null");
  }

  @Test
  void rowsHeldByColumnReadBackAsTheRowsAppendedAsArrays() {
    FeatureTableSpec byColumn = allTypes();
    FeatureTableSpec byRow = FeatureTableSpec.select(project, "by_row", 1, KEYS, ALL_TYPES);
    FeatureTableSpec oneWriter = FeatureTableSpec.select(project, "one_writer", 1, KEYS, ALL_TYPES);
    List<Object[]> rows = overThreeDays();

    // 50 rows a writer: as many writers side by side as cores, each a file a day
    AppendResult result =
        new AppendBatch(store.catalog(), 50)
            .append(byColumn, "b1", new ArrayRows(byColumn, rows), Map.of());
    store.append(byRow, "b1", rows);

    assertThat(result.rows()).isEqualTo(300);
    int writers = Math.min(Runtime.getRuntime().availableProcessors(), 300 / 50);
    assertThat(result.files()).as("a file per day and writer").isEqualTo(3 * writers);
    assertThat(
            new AppendBatch(store.catalog())
                .append(oneWriter, "b1", new ArrayRows(oneWriter, rows), Map.of())
                .files())
        .as("one writer below half a million rows: a file per day")
        .isEqualTo(3);
    assertThat(sortedScan(byColumn))
        .containsExactlyElementsOf(
            rows.stream()
                .map(r -> comparable(byColumn.columns(), r))
                .sorted(Comparator.comparing(r -> (String) r.get("user_id")))
                .toList())
        .containsExactlyElementsOf(sortedScan(byRow))
        .containsExactlyElementsOf(sortedScan(oneWriter));
  }

  /**
   * The columnar writer is not Iceberg's: Iceberg's own writer, which the row path uses, is the
   * oracle for what each file's metrics say (counts, NaN counts, bounds), NaNs, nulls in lists and
   * empty lists included.
   */
  @Test
  void rowsHeldByColumnGetTheFileMetricsIcebergsOwnWriterGives() {
    FeatureTableSpec byColumn = allTypes();
    FeatureTableSpec byRow = FeatureTableSpec.select(project, "by_row", 1, KEYS, ALL_TYPES);
    List<Object[]> rows = overThreeDays();
    for (int i = 0; i < rows.size(); i++) {
      Object[] row = rows.get(i);
      if (row[5] == null) {
        continue; // the row of nulls
      }
      row[5] = i * 1_000_003L - 77_000_000L;
      row[6] = i % 5 == 0 ? Float.NaN : (float) -i;
      row[7] = i % 3 == 0 ? Double.NaN : i % 7 == 0 ? Double.NEGATIVE_INFINITY : i / 8.0;
      row[8] = "s" + (i % 13);
      row[11] = i % 11 == 0 ? List.of() : Arrays.asList(Float.NaN, null, (float) i);
      row[12] = i % 4 == 0 ? Arrays.asList(null, Double.NaN) : List.of(i * 0.5);
      row[14] = i % 6 == 0 ? List.of() : Arrays.asList("x" + i, null);
    }

    new AppendBatch(store.catalog())
        .append(byColumn, "b1", new ArrayRows(byColumn, rows), Map.of());
    store.append(byRow, "b1", rows);

    Map<Object, FileMetrics> columnar = metricsByDay(byColumn);
    assertThat(columnar).hasSize(3);
    assertThat(columnar.values()).allSatisfy(m -> assertThat(m.nanValueCounts()).isNotEmpty());
    assertThat(columnar).isEqualTo(metricsByDay(byRow));
  }

  private record FileMetrics(
      long records,
      Map<Integer, Long> valueCounts,
      Map<Integer, Long> nullValueCounts,
      Map<Integer, Long> nanValueCounts,
      Map<Integer, java.nio.ByteBuffer> lowerBounds,
      Map<Integer, java.nio.ByteBuffer> upperBounds) {}

  /** Each day's one file's metrics, by the day. */
  private Map<Object, FileMetrics> metricsByDay(FeatureTableSpec spec) {
    Table table = store.catalog().loadTable(spec.identifier());
    Map<Object, FileMetrics> out = new HashMap<>();
    for (DataFile f : table.currentSnapshot().addedDataFiles(table.io())) {
      FileMetrics m =
          new FileMetrics(
              f.recordCount(),
              f.valueCounts(),
              f.nullValueCounts(),
              f.nanValueCounts(),
              f.lowerBounds(),
              f.upperBounds());
      assertThat(out.put(f.partition().get(0, Integer.class), m)).as("one file a day").isNull();
    }
    return out;
  }

  /** A table partitioned otherwise since it was made (here by hour) takes the row path. */
  @Test
  void rowsHeldByColumnGoToATableRepartitionedByHourThroughTheRowPath() {
    FeatureTableSpec spec = allTypes();
    store
        .ensureTable(spec)
        .updateSpec()
        .removeField("event_timestamp_day")
        .addField(Expressions.hour("event_timestamp"))
        .commit();
    List<Object[]> rows = overThreeDays();

    AppendResult result =
        new AppendBatch(store.catalog(), 50)
            .append(spec, "b1", new ArrayRows(spec, rows, false), Map.of());

    assertThat(result.files()).as("one writer, a file per hour").isEqualTo(3);
    assertThat(sortedScan(spec))
        .containsExactlyElementsOf(
            rows.stream()
                .map(r -> comparable(spec.columns(), r))
                .sorted(Comparator.comparing(r -> (String) r.get("user_id")))
                .toList());
  }

  /** 300 rows of every type over 3 days (one hour each), the days interleaved. */
  private static List<Object[]> overThreeDays() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Object[] row = allTypesRows().get(i % 2).clone();
      row[0] = "u" + i;
      Instant event = at("2026-01-01T10:00:00.000001Z").plusSeconds(86_400L * ((i * 7) % 3) + i);
      row[1] = event;
      row[2] = event.plusMillis(i);
      rows.add(row);
    }
    return rows;
  }

  @Test
  void rowsHeldByColumnWithANullRequiredValueFailNamingTheColumnAndCommitNothing() {
    FeatureTableSpec spec = allTypes();
    List<Object[]> rows = new ArrayList<>(allTypesRows());
    rows.get(1)[0] = null;
    AppendBatch append = new AppendBatch(store.catalog(), 1); // the null in the second writer's

    assertThatThrownBy(() -> append.append(spec, "b1", new ArrayRows(spec, rows), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column user_id must not be null");
    assertThat(store.catalog().loadTable(spec.identifier()).snapshots()).isEmpty();
  }

  @Test
  void rowsHeldByColumnWithAValueOfTheWrongTypeFailNamingTheColumnAndCommitNothing() {
    FeatureTableSpec spec = allTypes();
    List<Object[]> rows = overThreeDays();
    rows.get(150)[5] = "not a long"; // f_int64, read unboxed by the columnar writer

    assertThatThrownBy(
            () ->
                new AppendBatch(store.catalog(), 50)
                    .append(spec, "b1", new ArrayRows(spec, rows), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("column f_int64");
    assertThat(store.catalog().loadTable(spec.identifier()).snapshots()).isEmpty();
  }

  /**
   * Rows of canonical values seen by column; {@code unboxed}: INT64 and DOUBLE values may only be
   * read unboxed (the columnar writer's way; the row path reads them as objects).
   */
  private record ArrayRows(TableSpec spec, List<Object[]> rows, boolean unboxed)
      implements ColumnarRows {
    ArrayRows(TableSpec spec, List<Object[]> rows) {
      this(spec, rows, true);
    }

    @Override
    public int size() {
      return rows.size();
    }

    @Override
    public boolean isNull(int column, int row) {
      return rows.get(row)[column] == null;
    }

    @Override
    public long micros(int column, int row) {
      assertThat(spec.columns().get(column).type()).isEqualTo(ValueType.TIMESTAMP);
      return io.quiver.core.value.EpochMicros.of((Instant) rows.get(row)[column]);
    }

    @Override
    public Object value(int column, int row) {
      ValueType type = spec.columns().get(column).type();
      assertThat(type).isNotEqualTo(ValueType.TIMESTAMP);
      if (unboxed) { // boxing them again is what the columnar writer is there to avoid
        assertThat(type).isNotIn(ValueType.INT64, ValueType.DOUBLE);
      }
      return rows.get(row)[column];
    }

    @Override
    public long longValue(int column, int row) {
      assertThat(spec.columns().get(column).type()).isEqualTo(ValueType.INT64);
      return (Long) rows.get(row)[column];
    }

    @Override
    public double doubleValue(int column, int row) {
      assertThat(spec.columns().get(column).type()).isEqualTo(ValueType.DOUBLE);
      return (Double) rows.get(row)[column];
    }
  }

  private List<Map<String, Object>> sortedScan(FeatureTableSpec spec) {
    return store.scan(spec.identifier(), null).stream()
        .map(TestStore::comparable)
        .sorted(Comparator.comparing(r -> (String) r.get("user_id")))
        .toList();
  }
}
