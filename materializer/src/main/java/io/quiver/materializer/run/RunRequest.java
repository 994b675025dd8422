package io.quiver.materializer.run;

import java.time.Instant;

/**
 * What to materialize: the newest input since the view's progress ({@code incremental}), or a
 * backfill of the events whose event time lies in {@code [start, end)}.
 */
public record RunRequest(String project, String view, Instant start, Instant end, String trigger) {
  public static RunRequest incremental(String project, String view, String trigger) {
    return new RunRequest(project, view, null, null, trigger);
  }

  public boolean isBackfill() {
    return start != null;
  }

  public String mode() {
    return isBackfill() ? "backfill" : "incremental";
  }
}
