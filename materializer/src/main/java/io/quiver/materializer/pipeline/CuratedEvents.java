package io.quiver.materializer.pipeline;

import io.quiver.core.value.EpochMicros;
import io.quiver.materializer.source.CuratedLayout;
import io.quiver.offline.StandardColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Reads a source's curated events back for the event-time ranges a batch touched, as rows in {@link
 * CuratedLayout} order: the input of whole-tile recomputation. Iceberg prunes by the day partition
 * and the files' min/max statistics.
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

  private void readTable(
      String project, CuratedLayout layout, List<Range> ranges, Consumer<Object[]> sink) {
    Table table = catalog.loadTable(layout.spec(project).identifier());
    Expression filter = Expressions.alwaysFalse();
    for (Range r : ranges) {
      filter =
          Expressions.or(
              filter,
              Expressions.and(
                  Expressions.greaterThanOrEqual(StandardColumns.EVENT_TIMESTAMP, r.startMicros()),
                  Expressions.lessThan(StandardColumns.EVENT_TIMESTAMP, r.endMicros())));
    }
    List<String> names = layout.rowFields().stream().map(f -> f.name()).toList();
    try (CloseableIterable<Record> records = scan(table, filter, names)) {
      int[] at = null;
      for (Record rec : records) {
        if (at == null) {
          at = positions(rec, names);
        }
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = canonical(rec.get(at[i]));
        }
        long ev = EpochMicros.of((Instant) row[layout.eventTimeIndex()]);
        if (inAny(ranges, ev)) { // the filter is a pruning hint; rows of a kept file are re-checked
          sink.accept(row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading curated events of " + layout.source().name(), e);
    }
  }

  private CloseableIterable<Record> scan(Table table, Expression filter, List<String> names) {
    return IcebergGenerics.read(table).where(filter).select(names).useSnapshot(snapshotId).build();
  }

  private static boolean inAny(List<Range> ranges, long micros) {
    for (Range r : ranges) {
      if (micros >= r.startMicros() && micros < r.endMicros()) {
        return true;
      }
    }
    return false;
  }

  private static int[] positions(Record rec, List<String> names) {
    int[] at = new int[names.size()];
    List<org.apache.iceberg.types.Types.NestedField> fields = rec.struct().fields();
    for (int i = 0; i < at.length; i++) {
      for (int j = 0; j < fields.size(); j++) {
        if (fields.get(j).name().equals(names.get(i))) {
          at[i] = j;
        }
      }
    }
    return at;
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
