package io.quiver.materializer.run;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A run's outcome summed over its sub-batches: rows and stage times added up; the quality report of
 * the first sub-batch with a failed check, else of the last one, so a warning is not hidden by a
 * later clean sub-batch; warnings joined without repeats.
 */
final class RunTotals {
  private final Stages stages;
  private final Set<String> warnings = new LinkedHashSet<>();
  private int version;
  private long read;
  private long written;
  private long rejected;
  private String quality;
  private boolean qualityFailed;

  RunTotals(Stages runStages) {
    this.stages = runStages;
  }

  /** Adds one sub-batch; {@code failedChecks}: whether its quality report has a failed check. */
  RunOutcome add(RunOutcome sub, boolean failedChecks) {
    version = sub.version();
    read += sub.rowsRead();
    written += sub.rowsWritten();
    rejected += sub.rowsRejected();
    if (!qualityFailed && sub.quality() != null) {
      quality = sub.quality();
      qualityFailed = failedChecks;
    }
    sub.stages().forEach(stages::add);
    if (sub.warning() != null) {
      warnings.add(sub.warning());
    }
    return outcome();
  }

  RunOutcome outcome() {
    return new RunOutcome(
        version,
        read,
        written,
        rejected,
        quality,
        stages.ordered(),
        warnings.isEmpty() ? null : String.join("; ", warnings));
  }
}
