package io.quiver.offline;

import io.quiver.core.model.ValueType;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

/** Quiver value types to Iceberg types and back. Timestamps are timestamptz (UTC micros). */
final class IcebergTypes {
  private IcebergTypes() {}

  static Schema schema(TableSpec spec) {
    AtomicInteger ids = new AtomicInteger(spec.columns().size());
    Types.NestedField[] fields = new Types.NestedField[spec.columns().size()];
    for (int i = 0; i < fields.length; i++) {
      Column column = spec.columns().get(i);
      Type type = type(column.type(), ids);
      fields[i] =
          spec.requiredColumns().contains(column.name())
              ? Types.NestedField.required(i + 1, column.name(), type)
              : Types.NestedField.optional(i + 1, column.name(), type);
    }
    return new Schema(fields);
  }

  /** The Iceberg type of a Quiver type; {@code ids} numbers list elements (Iceberg renumbers). */
  static Type type(ValueType type, AtomicInteger ids) {
    return switch (type) {
      case BOOL -> Types.BooleanType.get();
      case INT32 -> Types.IntegerType.get();
      case INT64 -> Types.LongType.get();
      case FLOAT -> Types.FloatType.get();
      case DOUBLE -> Types.DoubleType.get();
      case STRING -> Types.StringType.get();
      case BYTES -> Types.BinaryType.get();
      case TIMESTAMP -> Types.TimestampType.withZone();
      case FLOAT_LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), Types.FloatType.get());
      case DOUBLE_LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), Types.DoubleType.get());
      case INT64_LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), Types.LongType.get());
      case STRING_LIST -> Types.ListType.ofOptional(ids.incrementAndGet(), Types.StringType.get());
    };
  }

  /** The Quiver type an Iceberg column written by this module has. */
  static ValueType valueType(String column, Type type) {
    return switch (type.typeId()) {
      case BOOLEAN -> ValueType.BOOL;
      case INTEGER -> ValueType.INT32;
      case LONG -> ValueType.INT64;
      case FLOAT -> ValueType.FLOAT;
      case DOUBLE -> ValueType.DOUBLE;
      case STRING -> ValueType.STRING;
      case BINARY -> ValueType.BYTES;
      case TIMESTAMP -> ValueType.TIMESTAMP;
      case LIST -> listType(column, type.asListType().elementType());
      default -> throw unsupported(column, type);
    };
  }

  private static ValueType listType(String column, Type element) {
    return switch (element.typeId()) {
      case FLOAT -> ValueType.FLOAT_LIST;
      case DOUBLE -> ValueType.DOUBLE_LIST;
      case LONG -> ValueType.INT64_LIST;
      case STRING -> ValueType.STRING_LIST;
      default -> throw unsupported(column, Types.ListType.ofOptional(0, element));
    };
  }

  private static IllegalStateException unsupported(String column, Type type) {
    return new IllegalStateException(
        "column " + column + " has a type Quiver does not use: " + type);
  }
}
