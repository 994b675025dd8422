package io.quiver.materializer.pipeline;

import io.quiver.core.value.EpochMicros;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.RowKey;
import io.quiver.offline.StandardColumns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

/**
 * A select view's feature rows that its table already holds, dropped from a batch: a POSTGRES
 * source re-reads its lateness window every run, and a select table appends every row it is given.
 * Only rows created (and happening) no earlier than the batch's earliest are read back.
 */
public final class SelectRowsWritten {
  private SelectRowsWritten() {}

  public static List<Object[]> drop(Catalog catalog, FeatureTableSpec spec, List<Object[]> rows) {
    if (rows.isEmpty() || !catalog.tableExists(spec.identifier())) {
      return rows;
    }
    int ev = spec.joinKeys().size();
    Set<RowKey> written = written(catalog, spec, min(rows, ev), min(rows, ev + 1));
    List<Object[]> fresh = new ArrayList<>(rows.size());
    for (Object[] r : rows) {
      if (!written.contains(new RowKey(r))) {
        fresh.add(r);
      }
    }
    return fresh;
  }

  private static Set<RowKey> written(
      Catalog catalog, FeatureTableSpec spec, long minEvent, long minCreated) {
    Table table = catalog.loadTable(spec.identifier());
    List<String> names = spec.columns().stream().map(Column::name).toList();
    Set<RowKey> out = new HashSet<>();
    try (CloseableIterable<Record> records =
        IcebergGenerics.read(table)
            .where(
                Expressions.and(
                    Expressions.greaterThanOrEqual(StandardColumns.EVENT_TIMESTAMP, minEvent),
                    Expressions.greaterThanOrEqual(StandardColumns.CREATED_TIMESTAMP, minCreated)))
            .select(names)
            .build()) {
      for (Record rec : records) {
        Object[] row = new Object[names.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = CuratedEvents.canonical(rec.getField(names.get(i)));
        }
        out.add(new RowKey(row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading back " + spec.identifier(), e);
    }
    return out;
  }

  private static long min(List<Object[]> rows, int column) {
    long min = Long.MAX_VALUE;
    for (Object[] r : rows) {
      min = Math.min(min, EpochMicros.of((Instant) r[column]));
    }
    return min;
  }
}
