package io.quiver.core.validation;

/**
 * One thing wrong with an input: the field's path (as the caller wrote it, e.g. {@code
 * objects[2].features[0].type}), the offending value (may be null) and what is wrong with it.
 */
public record Violation(String field, Object value, String message) {

  public Violation prefixed(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    return new Violation(prefix + (field.startsWith("[") ? "" : ".") + field, value, message);
  }

  @Override
  public String toString() {
    return field + ": " + message + (value == null ? "" : " (was '" + value + "')");
  }
}
