package io.quiver.common.registry;

/** The registry could not be reached or answered with an error. */
public class RegistryUnavailableException extends RuntimeException {
  public RegistryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
