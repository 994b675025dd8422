package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.ColumnBatch;
import java.util.Arrays;
import java.util.function.IntToLongFunction;
import java.util.stream.IntStream;

/**
 * A batch's rows by 64-bit hash, each marked when it turns out to be a repeat of an earlier row of
 * the batch or a row already committed; rows sharing a hash are told apart by equality.
 *
 * <p>One open-addressing table of longs, each slot a row's index and the high half of its hash:
 * finding a row reads one cache line, where a map of hash to index and a chain of rows sharing a
 * hash read three places in memory per row, each a cache miss at millions of rows. The table is cut
 * in parts by the hash's top bits, each part filled by a thread of its own over the whole batch in
 * order (equal rows hash alike, so they meet in one part and the first stays the one kept).
 */
final class BatchRows {
  private static final int PARTS = partsFor(Runtime.getRuntime().availableProcessors());
  private static final long HIGH = 0xFFFF_FFFF_0000_0000L;
  private final ColumnBatch rows;
  private final long[] hashes;
  private final long[] table; // the hash's high half, then row + 1; 0 is empty
  private final int partBits;
  private final int partMask;
  private final boolean[] dropped;

  BatchRows(ColumnBatch rows, IntToLongFunction hash) {
    this.rows = rows;
    int n = rows.size();
    this.hashes = new long[n];
    Arrays.parallelSetAll(hashes, hash::applyAsLong);
    this.dropped = new boolean[n];
    // at most about 2/3 full, so a probe rarely runs past a cache line
    int perPart =
        Integer.highestOneBit((int) Math.min((1L << 30) / PARTS, Math.max(16, 3L * n / PARTS)));
    this.partBits = Integer.numberOfTrailingZeros(perPart);
    this.partMask = perPart - 1;
    this.table = new long[perPart * PARTS];
    IntStream.range(0, PARTS).parallel().forEach(this::fill);
  }

  private static int partsFor(int cores) {
    return Integer.highestOneBit(Math.max(1, Math.min(cores, 8)));
  }

  /** The part of the table a hash belongs to, by its top bits. */
  private static int part(long h) {
    return PARTS == 1 ? 0 : (int) (h >>> (64 - Integer.numberOfTrailingZeros(PARTS)));
  }

  /** Inserts the batch's rows of one part in order; a repeat of an earlier row is dropped. */
  private void fill(int part) {
    int filled = 0;
    for (int i = 0; i < hashes.length; i++) {
      long h = hashes[i];
      if (part(h) != part) {
        continue;
      }
      int slot = find(h, i, null);
      if (slot < 0) {
        dropped[i] = true;
      } else if (++filled > partMask) {
        // only a hash that sends most rows to one part fills it (a 64-bit mix splits them evenly)
        throw new IllegalStateException("the row hash put " + filled + " rows in one table part");
      } else {
        table[slot] = (h & HIGH) | (i + 1L);
      }
    }
  }

  /**
   * Probes for the row with hash {@code h} equal to batch row {@code row} (or, when {@code other}
   * is given, to {@code other}, and then marks it dropped): returns -1 when it is found, else the
   * empty slot where the probe ended.
   */
  private int find(long h, int row, Object[] other) {
    int base = part(h) << partBits;
    Object[] built = other;
    for (int p = (int) h & partMask; ; p = (p + 1) & partMask) {
      long slot = table[base + p];
      if (slot == 0) {
        return base + p;
      }
      int at = (int) slot - 1;
      if ((slot & HIGH) == (h & HIGH) && hashes[at] == h) {
        if (built == null) {
          built = rows.get(row); // rows sharing a hash: a repeat, or a collision
        }
        if (rows.rowEquals(at, built)) {
          if (other != null) {
            dropped[at] = true;
          }
          return -1;
        }
      }
    }
  }

  /** Marks the batch's row equal to {@code row}, a committed row of hash {@code h}, if any. */
  void markCommitted(Object[] row, long h) {
    find(h, -1, row);
  }

  /** The rows neither repeated nor committed, in order. */
  ColumnBatch fresh() {
    int[] kept = new int[dropped.length];
    int n = 0;
    for (int i = 0; i < dropped.length; i++) {
      if (!dropped[i]) {
        kept[n++] = i;
      }
    }
    return rows.select(kept, n);
  }
}
