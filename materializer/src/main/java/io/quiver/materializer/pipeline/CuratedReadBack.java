package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.ColumnBatch;
import io.quiver.offline.RowKey;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntToLongFunction;
import java.util.function.ToLongFunction;

/**
 * One read of the curated rows earlier batches committed, for two uses at once: the exact
 * duplicates among a batch's new rows are dropped against it, and an aggregation view's touched
 * tiles are filled from it. Reading the hours once rather than once per use halves the read-back
 * (the largest cost of a later sub-batch, whose hours earlier ones filled).
 *
 * <p>The rows read back are not kept: the set is built from the batch's new rows and probed with
 * each row read, whose 64-bit hash alone goes into a primitive set so that a committed row repeated
 * by a raced run still reaches the tiles once. (A later sub-batch reads back millions of rows; one
 * {@code RowKey} set over all of them, a key object per row, probes that each dereferenced a key,
 * every row read kept alive, was 41 % of the read-back's samples in a profile.)
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
  public static ColumnBatch fresh(
      ViewContext ctx,
      CuratedEvents before,
      ColumnBatch uncurated,
      AggregationTransform.Tiles tiles) {
    List<CuratedEvents.Range> ranges = union(hours(ctx, uncurated), tiles);
    return fresh(
        (r, sink) -> before.read(ctx.project(), ctx.layout(), r, sink),
        ranges,
        uncurated,
        tiles == null ? null : tiles::add,
        RowKey::hash64,
        uncurated::hash64);
  }

  /** Reads the pinned curated rows of some ranges, in the same order every time. */
  @FunctionalInterface
  interface Reader {
    void read(List<CuratedEvents.Range> ranges, Consumer<Object[]> sink);
  }

  /**
   * {@link #fresh(ViewContext, CuratedEvents, ColumnBatch, AggregationTransform.Tiles)}'s work;
   * {@code batchHash} gives the batch's row {@code i} the hash {@code hash} gives the equal row.
   */
  static ColumnBatch fresh(
      Reader before,
      List<CuratedEvents.Range> ranges,
      ColumnBatch uncurated,
      Consumer<Object[]> committed,
      ToLongFunction<Object[]> hash,
      IntToLongFunction batchHash) {
    BatchRows batch = new BatchRows(uncurated, batchHash);
    // grown as rows are read: sized for the batch up front it was 64 MB at 5 M rows even when
    // nothing was committed yet
    LongOpenHashSet read = committed == null ? null : new LongOpenHashSet();
    LongOpenHashSet repeated = new LongOpenHashSet();
    before.read(
        ranges,
        row -> {
          long h = hash.applyAsLong(row);
          batch.markCommitted(row, h);
          if (read != null) {
            if (read.add(h)) {
              committed.accept(row);
            } else {
              repeated.add(h); // a row read before, or a 64-bit hash collision
            }
          }
        });
    if (!repeated.isEmpty()) {
      resolve(before, ranges, repeated, committed, hash);
    }
    return batch.fresh();
  }

  /**
   * Committed rows repeat only if two runs raced: then the table is read again for the rows whose
   * hash repeated, and only the rows not equal to an earlier one reach the tiles (distinct rows
   * that merely share a hash, astronomically rare, are added after the others).
   */
  private static void resolve(
      Reader before,
      List<CuratedEvents.Range> ranges,
      LongOpenHashSet hashes,
      Consumer<Object[]> committed,
      ToLongFunction<Object[]> hash) {
    LongOpenHashSet first = new LongOpenHashSet(hashes.size());
    Set<RowKey> seen = new HashSet<>();
    before.read(
        ranges,
        row -> {
          long h = hash.applyAsLong(row);
          if (hashes.contains(h)) {
            boolean distinct = seen.add(new RowKey(row));
            if (!first.add(h) && distinct) {
              committed.accept(row); // shares a hash with an earlier row, equals none
            }
          }
        });
  }

  private static List<CuratedEvents.Range> hours(ViewContext ctx, ColumnBatch rows) {
    long[] event = rows.longs(ctx.layout().eventTimeIndex());
    // a primitive set: LongStream.distinct boxed every row's hour (a tenth of the read-back)
    LongOpenHashSet starts = new LongOpenHashSet();
    for (int i = 0; i < rows.size(); i++) {
      starts.add(Math.floorDiv(event[i], HOUR) * HOUR);
    }
    long[] sorted = starts.toLongArray();
    Arrays.sort(sorted);
    return CuratedEvents.ranges(sorted, HOUR, MAX_RANGES);
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
