package io.quiver.materializer.source;

/** Where a source reader hands its rows: valid ones in curated layout, rejected ones with why. */
public interface RowSink {
  /** A valid row in {@link CuratedLayout} order; the sink owns the array. */
  void accept(Object[] row);

  /**
   * A row that failed validation.
   *
   * @param position where it came from, e.g. {@code /data/a.csv:17}
   * @param reason which column and why, e.g. {@code column session_duration: 'x' is not a DOUBLE}
   * @param record the raw record as text, for the dead-letter table
   */
  void reject(String position, String reason, String record);
}
