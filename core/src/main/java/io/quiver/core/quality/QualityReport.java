package io.quiver.core.quality;

import java.util.List;

/**
 * The quality gate's verdict on one batch: one {@link CheckResult} per expectation, in the view's
 * order. The batch may go on to Redis and Iceberg unless {@link #blocking()}.
 */
public record QualityReport(long rowCount, List<CheckResult> checks) {

  public QualityReport {
    checks = List.copyOf(checks);
  }

  /** True when any {@code error}-severity check failed: quarantine the batch, keep the progress. */
  public boolean blocking() {
    return checks.stream().anyMatch(CheckResult::blocking);
  }

  /** The failed checks, errors and warnings alike. */
  public List<CheckResult> failures() {
    return checks.stream().filter(c -> !c.passed()).toList();
  }

  /** One line for logs and run status, e.g. {@code 2 of 7 checks failed (1 blocking): ...}. */
  public String summary() {
    List<CheckResult> failed = failures();
    if (failed.isEmpty()) {
      return "all " + checks.size() + " checks passed on " + rowCount + " rows";
    }
    long blocking = failed.stream().filter(CheckResult::blocking).count();
    List<String> messages = failed.stream().map(CheckResult::message).toList();
    return failed.size()
        + " of "
        + checks.size()
        + " checks failed ("
        + blocking
        + " blocking): "
        + String.join("; ", messages);
  }
}
