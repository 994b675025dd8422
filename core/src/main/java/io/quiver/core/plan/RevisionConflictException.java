package io.quiver.core.plan;

/** An object moved since the caller read it (optimistic concurrency), or is still referenced. */
public class RevisionConflictException extends RuntimeException {
  private final String field;

  public RevisionConflictException(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
