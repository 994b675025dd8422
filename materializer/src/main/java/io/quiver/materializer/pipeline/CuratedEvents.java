package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.CuratedLayout;
import io.quiver.offline.StandardColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableScan;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/**
 * Reads a source's curated events back for the event-time ranges a batch touched, as rows in {@link
 * CuratedLayout} order: the input of whole-tile recomputation. Iceberg prunes by the day partition
 * and the files' min/max statistics; the files it keeps are read with column readers and their rows
 * re-checked against the ranges.
 */
public final class CuratedEvents {
  private final Catalog catalog;
  private final Long snapshotId;

  private CuratedEvents(Catalog catalog, Long snapshotId) {
    this.catalog = catalog;
    this.snapshotId = snapshotId;
  }

  /**
   * Pins the reads to the curated table's current snapshot (none when the table does not exist or
   * has no snapshot yet: nothing to read back), so a batch reads what EARLIER batches committed
   * while its own curated append may be running.
   */
  public static CuratedEvents current(Catalog catalog, String project, CuratedLayout layout) {
    TableIdentifier id = layout.spec(project).identifier();
    Long snapshot = null;
    if (catalog.tableExists(id)) {
      Snapshot s = catalog.loadTable(id).currentSnapshot();
      snapshot = s == null ? null : s.snapshotId();
    }
    return new CuratedEvents(catalog, snapshot);
  }

  /** A half-open event-time range {@code [startMicros, endMicros)}. */
  public record Range(long startMicros, long endMicros) {}

  /** Hands {@code sink} every row of the pinned snapshot whose event time is in {@code ranges}. */
  public void read(
      String project, CuratedLayout layout, List<Range> ranges, Consumer<Object[]> sink) {
    if (!ranges.isEmpty() && snapshotId != null) {
      readTable(project, layout, ranges, sink);
    }
  }

  /**
   * Iceberg plans the files (partition and min/max pruning); each is read with column readers
   * ({@link CuratedDataFile}). Curated tables are append-only (SPEC): a delete file would mean rows
   * this read cannot drop, so it fails instead of reading them.
   */
  private void readTable(
      String project, CuratedLayout layout, List<Range> ranges, Consumer<Object[]> sink) {
    TableIdentifier id = layout.spec(project).identifier();
    Table table = catalog.loadTable(id);
    Expression filter = Expressions.alwaysFalse();
    for (Range r : ranges) {
      filter =
          Expressions.or(
              filter,
              Expressions.and(
                  Expressions.greaterThanOrEqual(StandardColumns.EVENT_TIMESTAMP, r.startMicros()),
                  Expressions.lessThan(StandardColumns.EVENT_TIMESTAMP, r.endMicros())));
    }
    TableScan scan = table.newScan().useSnapshot(snapshotId).filter(filter);
    Schema schema = scan.schema(); // the pinned snapshot's
    List<String> names = layout.rowFields().stream().map(f -> f.name()).toList();
    // a column the snapshot predates (added since) reads as null, as Iceberg reads older files
    Types.NestedField[] fields =
        names.stream().map(schema::findField).toArray(Types.NestedField[]::new);
    scan = scan.select(names.stream().filter(n -> schema.findField(n) != null).toList());
    String file = null;
    try (CloseableIterable<FileScanTask> tasks = scan.planFiles()) {
      for (FileScanTask task : tasks) {
        DataFile data = task.file();
        file = data.location();
        if (!task.deletes().isEmpty()) {
          throw new IllegalStateException(
              "curated table "
                  + id
                  + " has delete files for "
                  + file
                  + ": curated tables are append-only, and the read-back does not apply deletes");
        }
        if (data.format() != FileFormat.PARQUET) {
          throw new IllegalStateException(
              "curated table " + id + ": " + file + " is " + data.format() + ", not Parquet");
        }
        CuratedDataFile.read(
            CuratedDataFile.parquet(table.io().newInputFile(data)),
            file,
            fields,
            layout.eventTimeIndex(),
            ranges,
            sink);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading curated events of "
              + layout.source().name()
              + (file == null ? "" : " from " + file),
          e);
    }
  }

  /** Iceberg's generic values as Quiver's canonical ones. */
  static Object canonical(Object v) {
    if (v instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (v instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      return bytes;
    }
    if (v instanceof List<?> list) {
      return List.copyOf(new ArrayList<>(list));
    }
    return v;
  }

  /** Merges sorted hop starts into ranges; beyond {@code max} ranges, one range covers all. */
  public static List<Range> ranges(long[] sortedHopStarts, long hopMicros, int max) {
    List<Range> out = new ArrayList<>();
    for (long s : sortedHopStarts) {
      Range last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.endMicros() >= s) {
        out.set(
            out.size() - 1,
            new Range(last.startMicros(), Math.max(last.endMicros(), s + hopMicros)));
      } else {
        out.add(new Range(s, s + hopMicros));
      }
    }
    if (out.size() > max) {
      return List.of(new Range(out.get(0).startMicros(), out.get(out.size() - 1).endMicros()));
    }
    return out;
  }
}
