package io.quiver.core.quality;

import java.util.List;

/** One expectation's running state over a batch: it sees each row's value, then gives a verdict. */
interface Check {

  /** One row's value of the checked column, possibly null. Never called for row_count. */
  void accept(Object value);

  /**
   * @param rows the batch's row count
   * @param history row counts of recent runs, oldest first
   */
  CheckResult result(long rows, List<Long> history);
}
