package io.quiver.core.quality;

import io.quiver.core.value.EpochMicros;
import java.util.List;

/** One expectation's running state over a batch: it sees each row's value, then gives a verdict. */
interface Check {

  /** One row's value of the checked column, possibly null. Never called for row_count. */
  void accept(Object value);

  /*
   * A batch held by column (QualityProfiler.addColumns) gives INT64, TIMESTAMP and DOUBLE values
   * unboxed, and only non-null ones (nulls come to accept). The defaults box them as a row holds
   * them, so a check that overrides none keeps the row path's verdict; an override must keep it too.
   */

  /** A non-null value of an INT64 column. */
  default void acceptLong(long value) {
    accept(value);
  }

  /** A non-null value of a TIMESTAMP column, in epoch microseconds. */
  default void acceptMicros(long micros) {
    accept(EpochMicros.toInstant(micros));
  }

  /** A non-null value of a DOUBLE column. */
  default void acceptDouble(double value) {
    accept(value);
  }

  /**
   * @param rows the batch's row count
   * @param history row counts of recent runs, oldest first
   */
  CheckResult result(long rows, List<Long> history);
}
