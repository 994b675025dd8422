package io.quiver.materializer.source;

/** A source could not be read at all (a corrupt or unreadable file, a failing query). */
public class SourceReadException extends RuntimeException {
  public SourceReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
