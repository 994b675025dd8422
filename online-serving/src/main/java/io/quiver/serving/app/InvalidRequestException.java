package io.quiver.serving.app;

/**
 * A request that cannot be served as given (missing or mistyped join key, ...), named in the
 * message.
 */
public class InvalidRequestException extends RuntimeException {
  public InvalidRequestException(String message) {
    super(message);
  }
}
