package io.quiver.export.engine;

import io.quiver.core.model.ValueType;

/** Quiver value types as DuckDB column types (timestamps as UTC timestamptz, like Iceberg's). */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String of(ValueType type) {
    return switch (type) {
      case BOOL -> "BOOLEAN";
      case INT32 -> "INTEGER";
      case INT64 -> "BIGINT";
      case FLOAT -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case STRING -> "VARCHAR";
      case BYTES -> "BLOB";
      case TIMESTAMP -> "TIMESTAMPTZ";
      case FLOAT_LIST -> "FLOAT[]";
      case DOUBLE_LIST -> "DOUBLE[]";
      case INT64_LIST -> "BIGINT[]";
      case STRING_LIST -> "VARCHAR[]";
    };
  }
}
