package io.quiver.core.online;

/** The online store could not be read at all (down, unreachable, or too slow to answer). */
public class OnlineStoreUnavailableException extends RuntimeException {
  public OnlineStoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
