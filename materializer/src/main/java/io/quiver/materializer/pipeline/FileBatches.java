package io.quiver.materializer.pipeline;

import io.quiver.materializer.source.FileRef;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A FILE source's files as successive sub-batches of about {@code batchRows} rows each, split at
 * file boundaries, so a run holds one sub-batch in memory rather than all its new input. Every
 * file's schema is checked when the batches are made, before any row is read, so a missing column
 * fails the run before its first sub-batch writes anything.
 */
public final class FileBatches {
  private final ViewContext ctx;
  private final Deque<FileRef> remaining;
  private final List<String> extraColumns;
  private final long batchRows;
  private boolean started;

  private FileBatches(
      ViewContext ctx, Deque<FileRef> remaining, List<String> extra, long batchRows) {
    this.ctx = ctx;
    this.remaining = remaining;
    this.extraColumns = extra;
    this.batchRows = batchRows;
  }

  public static FileBatches of(ViewContext ctx, List<FileRef> files, long batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("batch rows must be at least 1, got " + batchRows);
    }
    return new FileBatches(
        ctx, new ArrayDeque<>(files), FileSourceInput.checkSchemas(ctx, files), batchRows);
  }

  /** True until every file was handed out; the first call is true even without files. */
  public boolean hasNext() {
    return !started || !remaining.isEmpty();
  }

  /** The next sub-batch; {@code curated}: paths already in the source's curated table. */
  public BatchInput next(Set<String> curated) {
    started = true;
    return FileSourceInput.readUpTo(ctx, remaining, curated, extraColumns, batchRows);
  }
}
