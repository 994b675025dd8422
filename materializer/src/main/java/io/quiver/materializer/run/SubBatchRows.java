package io.quiver.materializer.run;

import java.util.Optional;

/**
 * How many source rows one sub-batch holds: {@code quiver.runs.batch-rows} when set, else as many
 * as the heap holds with room to spare. The fixed default it replaces (1,000,000) fit neither end:
 * at up to ~560 bytes per row (below) it could ask a 256 MB service heap for more than it has, and
 * it split a large heap's input into more sub-batches than needed, each re-reading the curated rows
 * of the hours the earlier ones touched and rewriting their tiles.
 */
final class SubBatchRows {
  /**
   * Heap to budget per source row of a sub-batch. Measured: with sub-batches of 3.1 M rows (5 M
   * events, a 3 GB heap) the heap after any collection never passed 1.74 GB, an upper bound of what
   * was live (old garbage included), ~560 bytes per row with its share of the tiles and the
   * writers' buffers; a KiB leaves nearly twice that for rows wider than the bench's.
   */
  static final long HEAP_BYTES_PER_ROW = 1024;

  /** Below this a sub-batch's fixed costs (commits, progress, a Redis round) dominate. */
  static final long MIN_ROWS = 10_000;

  private SubBatchRows() {}

  static long of(Optional<Long> configured, long maxHeapBytes) {
    return configured.orElseGet(() -> Math.max(MIN_ROWS, maxHeapBytes / HEAP_BYTES_PER_ROW));
  }

  static long of(Optional<Long> configured) {
    return of(configured, Runtime.getRuntime().maxMemory());
  }
}
