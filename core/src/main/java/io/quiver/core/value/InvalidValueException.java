package io.quiver.core.value;

import io.quiver.core.model.ValueType;

/** A value that is not, and cannot be read as, a value of the expected {@link ValueType}. */
public final class InvalidValueException extends IllegalArgumentException {
  private final transient ValueType type;
  private final transient Object value;

  public InvalidValueException(ValueType type, Object value, String reason) {
    super("not a " + type + " value: " + describe(value) + " (" + reason + ")");
    this.type = type;
    this.value = value;
  }

  public ValueType type() {
    return type;
  }

  public Object value() {
    return value;
  }

  private static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String text = value instanceof byte[] b ? b.length + " bytes" : String.valueOf(value);
    if (text.length() > 80) {
      text = text.substring(0, 77) + "...";
    }
    return "'" + text + "' of Java type " + value.getClass().getSimpleName();
  }
}
