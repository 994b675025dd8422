package io.quiver.cli;

import java.util.List;

/** A failure told to the user as one line, plus optional detail lines (exit code 1). */
public class CliException extends RuntimeException {
  private final List<String> details;

  public CliException(String message) {
    this(message, List.of());
  }

  public CliException(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
    this.details = List.of();
  }

  public List<String> details() {
    return details;
  }
}
