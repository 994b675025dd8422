package io.quiver.materializer.source;

/** The source no longer has the shape its definition declares (a missing column): the run fails. */
public class SourceSchemaException extends RuntimeException {
  public SourceSchemaException(String message) {
    super(message);
  }
}
