package io.quiver.export.job;

/** An inline entity body beyond the configured limit (413). */
public class PayloadTooLargeException extends RuntimeException {
  public PayloadTooLargeException(String message) {
    super(message);
  }
}
