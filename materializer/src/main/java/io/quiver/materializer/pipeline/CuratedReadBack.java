package io.quiver.materializer.pipeline;

import io.quiver.core.value.EpochMicros;
import io.quiver.offline.RowKey;
import it.unimi.dsi.fastutil.objects.ObjectOpenHashSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * One read of the curated rows earlier batches committed, for two uses at once: the exact
 * duplicates among a batch's new rows are dropped against it, and an aggregation view's touched
 * tiles are filled from it. Reading the hours once rather than once per use halves the read-back
 * (the largest cost of a later sub-batch, whose hours earlier ones filled) and keeps one set of row
 * keys instead of two.
 */
public final class CuratedReadBack {
  private static final long HOUR = 3_600_000_000L;
  private static final int MAX_RANGES = 64;

  private CuratedReadBack() {}

  /**
   * Returns the rows of {@code uncurated} that are neither in {@code before} nor repeated earlier
   * in the list, in order; hands {@code tiles} (null for a select view) every distinct row of
   * {@code before} in its ranges. The returned rows are not given to {@code tiles}: the caller adds
   * them, so the curated append of the same rows can run meanwhile.
   */
  public static List<Object[]> fresh(
      ViewContext ctx,
      CuratedEvents before,
      List<Object[]> uncurated,
      AggregationTransform.Tiles tiles) {
    List<CuratedEvents.Range> ranges = union(hours(ctx, uncurated), tiles);
    // open addressing: no node per row (the node allocations and rehashes of a HashSet were most
    // of the read-back's own time in a profile); sized for the new rows, it grows for read ones
    Set<RowKey> seen = new ObjectOpenHashSet<>(uncurated.size());
    before.read(
        ctx.project(),
        ctx.layout(),
        ranges,
        row -> {
          // committed rows repeat only if two runs raced; counted once all the same
          if (seen.add(new RowKey(row)) && tiles != null) {
            tiles.add(row);
          }
        });
    List<Object[]> fresh = new ArrayList<>(uncurated.size());
    for (Object[] row : uncurated) {
      if (seen.add(new RowKey(row))) {
        fresh.add(row);
      }
    }
    return fresh;
  }

  private static List<CuratedEvents.Range> hours(ViewContext ctx, List<Object[]> rows) {
    int ev = ctx.layout().eventTimeIndex();
    long[] starts =
        rows.stream()
            .mapToLong(r -> Math.floorDiv(EpochMicros.of((Instant) r[ev]), HOUR) * HOUR)
            .distinct()
            .sorted()
            .toArray();
    return CuratedEvents.ranges(starts, HOUR, MAX_RANGES);
  }

  /** Merged, sorted; beyond {@value #MAX_RANGES} ranges one range covers them all. */
  static List<CuratedEvents.Range> union(
      List<CuratedEvents.Range> hours, AggregationTransform.Tiles tiles) {
    List<CuratedEvents.Range> all = new ArrayList<>(hours);
    if (tiles != null) {
      all.addAll(tiles.ranges());
    }
    all.sort(Comparator.comparingLong(CuratedEvents.Range::startMicros));
    List<CuratedEvents.Range> out = new ArrayList<>();
    for (CuratedEvents.Range r : all) {
      CuratedEvents.Range last = out.isEmpty() ? null : out.get(out.size() - 1);
      if (last != null && last.endMicros() >= r.startMicros()) {
        out.set(
            out.size() - 1,
            new CuratedEvents.Range(last.startMicros(), Math.max(last.endMicros(), r.endMicros())));
      } else {
        out.add(r);
      }
    }
    if (out.size() > MAX_RANGES) {
      return List.of(
          new CuratedEvents.Range(out.get(0).startMicros(), out.get(out.size() - 1).endMicros()));
    }
    return out;
  }
}
