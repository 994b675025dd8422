package io.quiver.materializer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.CuratedLayout;
import io.quiver.materializer.source.TestLayouts;
import io.quiver.offline.IcebergOfflineStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileMetadata;
import org.apache.iceberg.Table;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.junit.jupiter.api.Test;

/**
 * The curated read-back's column reader against Iceberg-written files: every type a curated layout
 * can have, nulls, lists (null, empty, with a null element), rows outside the ranges in a file the
 * filter kept, several row groups, files older than a widening or an added column, delete files.
 */
class CuratedEventsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String PROJECT = "p1";

  private final InMemoryCatalog catalog = new InMemoryCatalog();
  private final IcebergOfflineStore store;

  CuratedEventsTest() {
    // InMemoryFileIO is one store per JVM: a warehouse of its own per test
    catalog.initialize("test", Map.of("warehouse", "/mem-" + UUID.randomUUID()));
    store = new IcebergOfflineStore(catalog);
  }

  private static CuratedLayout layout(Field... schema) {
    return TestLayouts.of("at", null, List.of(schema));
  }

  /** Rows in curated layout, held by column as the materializer appends them. */
  private static ColumnBatch columns(CuratedLayout layout, List<Object[]> rows) {
    ColumnBatch.Builder batch = ColumnBatch.builder(layout);
    rows.forEach(batch::add);
    return batch.build();
  }

  private static Field f(String name, ValueType type) {
    return new Field(name, type);
  }

  @Test
  void readsEveryTypeWithNullsAndListsOnlyRowsInTheRangesOverSeveralRowGroups() throws Exception {
    CuratedLayout layout =
        layout(
            f("id", ValueType.INT64),
            f("at", ValueType.TIMESTAMP),
            f("name", ValueType.STRING),
            f("score", ValueType.DOUBLE),
            f("n", ValueType.INT32),
            f("ratio", ValueType.FLOAT),
            f("ok", ValueType.BOOL),
            f("blob", ValueType.BYTES),
            f("tags", ValueType.STRING_LIST),
            f("xs", ValueType.DOUBLE_LIST));
    Table table = store.ensureTable(layout.spec(PROJECT));
    // small row groups and pages, so the reader crosses both (and its own chunks) mid-file
    table
        .updateProperties()
        .set("write.parquet.row-group-size-bytes", "65536")
        .set("write.parquet.page-size-bytes", "4096")
        .set("write.parquet.row-group-check-min-record-count", "10")
        .commit();
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      Instant at = T0.plus(Duration.ofSeconds(i)); // 0 to 3h20m, one day partition
      boolean nulls = i % 7 == 3;
      rows.add(
          new Object[] {
            (long) i,
            at,
            nulls ? null : "type-" + (i % 5),
            nulls ? null : i * 0.25,
            nulls ? null : i,
            nulls ? null : (float) i / 4,
            nulls ? null : i % 2 == 0,
            nulls ? null : new byte[] {(byte) i, (byte) (i >> 8)},
            list(i),
            i % 4 == 0 ? null : List.of((double) i, -1.5),
            at,
            at // the layout declares no created time: the batch's is the event time
          });
    }
    store.appendCuratedDistinct(layout.spec(PROJECT), "b1", columns(layout, rows));
    assertThat(rowGroups(table)).as("row groups of the one data file").isGreaterThan(2);

    List<CuratedEvents.Range> ranges =
        List.of(
            range(T0.plusSeconds(1800), T0.plusSeconds(5400)),
            range(T0.plusSeconds(9000), T0.plusSeconds(9003)));
    List<List<Object>> read = new ArrayList<>();
    CuratedEvents.current(catalog, PROJECT, layout)
        .read(PROJECT, layout, ranges, row -> read.add(comparable(row)));

    List<List<Object>> expected =
        rows.stream()
            .filter(r -> in(ranges, (Instant) r[layout.eventTimeIndex()]))
            .map(CuratedEventsTest::comparable)
            .toList();
    assertThat(expected).hasSize(3600 + 3);
    assertThat(read).containsExactlyElementsOf(expected);
  }

  /** Null, empty, with a null element, or two strings. */
  private static List<String> list(int i) {
    return switch (i % 4) {
      case 0 -> null;
      case 1 -> List.of();
      case 2 -> Arrays.asList("a" + i, null);
      default -> List.of("a" + i, "b");
    };
  }

  @Test
  void readsFilesWrittenBeforeAWideningAndAnAddedColumnAsTheTableNowTypesThem() {
    CuratedLayout before =
        layout(
            f("id", ValueType.INT64),
            f("at", ValueType.TIMESTAMP),
            f("n", ValueType.INT32),
            f("ratio", ValueType.FLOAT));
    Instant at = T0.plusSeconds(60);
    store.appendCuratedDistinct(
        before.spec(PROJECT),
        "b1",
        columns(before, List.<Object[]>of(new Object[] {1L, at, 5, 1.5f, at, at})));
    CuratedLayout after =
        layout(
            f("id", ValueType.INT64),
            f("at", ValueType.TIMESTAMP),
            f("n", ValueType.INT64),
            f("ratio", ValueType.DOUBLE),
            f("extra", ValueType.STRING));
    store.appendCuratedDistinct(
        after.spec(PROJECT),
        "b2",
        columns(after, List.<Object[]>of(new Object[] {2L, at, 6L, 2.5, "x", at, at})));

    List<List<Object>> read = new ArrayList<>();
    CuratedEvents.current(catalog, PROJECT, after)
        .read(
            PROJECT,
            after,
            List.of(range(T0, T0.plusSeconds(3600))),
            row -> read.add(comparable(row)));

    assertThat(read)
        .containsExactlyInAnyOrder(
            List.of(1L, at, 5L, 1.5, "null", at, at), List.of(2L, at, 6L, 2.5, "x", at, at));
    assertThat(read.get(0).get(2)).isInstanceOf(Long.class);
  }

  @Test
  void failsOnADeleteFileRatherThanReadRowsItDeletes() {
    CuratedLayout layout = layout(f("id", ValueType.INT64), f("at", ValueType.TIMESTAMP));
    Instant at = T0.plusSeconds(60);
    store.appendCuratedDistinct(
        layout.spec(PROJECT),
        "b1",
        columns(layout, List.<Object[]>of(new Object[] {1L, at, at, at})));
    Table table = catalog.loadTable(layout.spec(PROJECT).identifier());
    DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    DeleteFile deletes =
        FileMetadata.deleteFileBuilder(table.spec())
            .ofPositionDeletes()
            .withPath(data.location() + "-deletes.parquet")
            .withFormat(FileFormat.PARQUET)
            .withFileSizeInBytes(100)
            .withRecordCount(1)
            .withPartition(data.partition())
            .build();
    table.newRowDelta().addDeletes(deletes).commit();

    CuratedEvents events = CuratedEvents.current(catalog, PROJECT, layout);
    assertThatThrownBy(
            () -> events.read(PROJECT, layout, List.of(range(T0, T0.plusSeconds(3600))), row -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("delete files")
        .hasMessageContaining("append-only");
  }

  private static CuratedEvents.Range range(Instant start, Instant end) {
    return new CuratedEvents.Range(micros(start), micros(end));
  }

  private static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
  }

  private static boolean in(List<CuratedEvents.Range> ranges, Instant t) {
    long m = micros(t);
    return ranges.stream().anyMatch(r -> m >= r.startMicros() && m < r.endMicros());
  }

  /** A row as a list that compares by content: byte[] as hex, null as "null". */
  private static List<Object> comparable(Object[] row) {
    List<Object> out = new ArrayList<>();
    for (Object v : row) {
      out.add(v == null ? "null" : v instanceof byte[] b ? HexFormat.of().formatHex(b) : v);
    }
    return out;
  }

  private int rowGroups(Table table) throws Exception {
    table.refresh();
    DataFile data = table.currentSnapshot().addedDataFiles(table.io()).iterator().next();
    try (ParquetFileReader r =
        ParquetFileReader.open(CuratedDataFile.parquet(table.io().newInputFile(data)))) {
      return r.getRowGroups().size();
    }
  }
}
