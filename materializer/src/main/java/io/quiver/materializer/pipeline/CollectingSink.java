package io.quiver.materializer.pipeline;

import io.quiver.materializer.run.DeadLetters.Rejected;
import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.CuratedLayout;
import io.quiver.materializer.source.RowSink;
import java.util.ArrayList;
import java.util.List;

/** Collects a batch's rows and its rejected rows (the first {@value #KEPT} kept with reasons). */
final class CollectingSink implements RowSink {
  static final int KEPT = 10_000;
  final ColumnBatch.Builder rows;
  final List<Rejected> rejected = new ArrayList<>();
  long rejectedCount;

  CollectingSink(CuratedLayout layout) {
    this.rows = ColumnBatch.builder(layout);
  }

  /** A sink with room for {@code rows} rows before its builder grows. */
  CollectingSink(CuratedLayout layout, long rows) {
    this.rows = ColumnBatch.builder(layout, (int) Math.min(rows, Integer.MAX_VALUE - 8));
  }

  @Override
  public void accept(Object[] row) {
    rows.add(row);
  }

  /** Appends another sink's rows and rejected rows after this one's. */
  void addAll(CollectingSink other) {
    rows.addAll(other.rows);
    rejectedCount += other.rejectedCount;
    for (Rejected r : other.rejected) {
      if (rejected.size() == KEPT) {
        break;
      }
      rejected.add(r);
    }
  }

  @Override
  public void reject(String position, String reason, String record) {
    rejectedCount++;
    if (rejected.size() < KEPT) {
      rejected.add(new Rejected(position, reason, record));
    }
  }
}
