package io.quiver.core.model;

/** Where a data source's records come from. */
public enum SourceType {
  FILE,
  POSTGRES,
  KAFKA,
  PUSH;

  /** Sources consumed continuously rather than in scheduled batches. */
  public boolean isStreaming() {
    return this == KAFKA || this == PUSH;
  }
}
