package io.quiver.materializer.run;

import java.util.Optional;

/**
 * How many source rows one sub-batch holds: {@code quiver.runs.batch-rows} when set, else as many
 * as the heap holds with room to spare. The fixed default it replaces (1,000,000) fit neither end:
 * it could ask a 256 MB service heap for more than it has, and it split a large heap's input into
 * more sub-batches than needed, each re-reading the curated rows of the hours the earlier ones
 * touched and rewriting their tiles.
 */
final class SubBatchRows {
  /**
   * Heap to budget per source row of a sub-batch. Measured with the rows held by column (5 M
   * events, 3 GB heap): the heap after any collection (old garbage included, so an upper bound of
   * what was live) reached ~1.0 GB for a 5 M-row sub-batch of the bench's data (50,000 users, 24 h:
   * ~200 bytes a row), and 1.9 GB for 4.5 M-row sub-batches of the worst shape for memory, every
   * event its own entity and tile (~420 bytes a row with its tile, its four partials and its
   * entity). Before the tiles were kept encoded, 6.3 M rows of that shape (512 bytes a row) ran out
   * of a 3 GB heap and 4.2 M filled it (full collections back to back); 6.3 M was not tried since.
   * Views with more aggregations over as sparse data need more: set the budget.
   */
  static final long HEAP_BYTES_PER_ROW = 768;

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
