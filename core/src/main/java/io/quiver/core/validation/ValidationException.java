package io.quiver.core.validation;

import java.util.List;

/**
 * Thrown when an input breaks one or more rules; every violation is reported, not just the first.
 */
public class ValidationException extends RuntimeException {
  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(summary(violations));
    this.violations = List.copyOf(violations);
  }

  public ValidationException(String field, Object value, String message) {
    this(List.of(new Violation(field, value, message)));
  }

  public List<Violation> violations() {
    return violations;
  }

  private static String summary(List<Violation> violations) {
    return violations.size() == 1
        ? violations.get(0).toString()
        : violations.size() + " problems: " + violations.get(0) + "; ...";
  }
}
