package io.quiver.materializer.run;

/** A run's lifecycle. */
public enum RunStatus {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED
}
