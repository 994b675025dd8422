package io.quiver.cli;

/** Bad usage found after parsing (a missing folder, a malformed option value): exit code 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
