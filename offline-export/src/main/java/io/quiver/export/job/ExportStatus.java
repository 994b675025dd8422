package io.quiver.export.job;

/** An export job's state; SUCCEEDED and FAILED are final. */
public enum ExportStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED
}
