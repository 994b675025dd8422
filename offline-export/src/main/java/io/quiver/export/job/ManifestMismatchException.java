package io.quiver.export.job;

/** A re-export whose entity input is not the one the manifest recorded (409). */
public class ManifestMismatchException extends RuntimeException {
  public ManifestMismatchException(String message) {
    super(message);
  }
}
