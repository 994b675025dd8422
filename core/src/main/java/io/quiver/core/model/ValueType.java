package io.quiver.core.model;

/** The value types a feature or a source column may have. */
public enum ValueType {
  BOOL,
  INT32,
  INT64,
  FLOAT,
  DOUBLE,
  STRING,
  BYTES,
  TIMESTAMP,
  FLOAT_LIST,
  DOUBLE_LIST,
  INT64_LIST,
  STRING_LIST;

  public boolean isList() {
    return name().endsWith("_LIST");
  }

  public boolean isNumeric() {
    return this == INT32 || this == INT64 || this == FLOAT || this == DOUBLE;
  }

  /**
   * Whether a stored value of this type can be read as {@code other} without a new version: the
   * identity, and the two widenings SPEC allows (INT32→INT64, FLOAT→DOUBLE).
   */
  public boolean widensTo(ValueType other) {
    return this == other || (this == INT32 && other == INT64) || (this == FLOAT && other == DOUBLE);
  }
}
