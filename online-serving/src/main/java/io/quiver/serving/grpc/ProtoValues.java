package io.quiver.serving.grpc;

import com.google.protobuf.ByteString;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.types.v1.DoubleList;
import io.quiver.proto.types.v1.FloatList;
import io.quiver.proto.types.v1.Int64List;
import io.quiver.proto.types.v1.Null;
import io.quiver.proto.types.v1.StringList;
import io.quiver.proto.types.v1.Value;
import java.time.Instant;
import java.util.List;

/** Canonical Java values ({@code io.quiver.core.value.Values}) ↔ {@code quiver.types.v1.Value}. */
final class ProtoValues {
  static final Value NULL = Value.newBuilder().setNullVal(Null.NULL).build();

  private ProtoValues() {}

  /**
   * A wire value as a canonical Java value (join keys: Long, Integer, String...); null for null.
   */
  static Object toJava(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VAL, KIND_NOT_SET -> null;
      case BOOL_VAL -> v.getBoolVal();
      case INT32_VAL -> v.getInt32Val();
      case INT64_VAL -> v.getInt64Val();
      case FLOAT_VAL -> v.getFloatVal();
      case DOUBLE_VAL -> v.getDoubleVal();
      case STRING_VAL -> v.getStringVal();
      case BYTES_VAL -> v.getBytesVal().toByteArray();
      case TIMESTAMP_MICROS_VAL -> EpochMicros.toInstant(v.getTimestampMicrosVal());
      case FLOAT_LIST_VAL -> List.copyOf(v.getFloatListVal().getValList());
      case DOUBLE_LIST_VAL -> List.copyOf(v.getDoubleListVal().getValList());
      case INT64_LIST_VAL -> List.copyOf(v.getInt64ListVal().getValList());
      case STRING_LIST_VAL -> List.copyOf(v.getStringListVal().getValList());
    };
  }

  /** A canonical value of {@code type} on the wire. */
  @SuppressWarnings("unchecked")
  static Value toProto(ValueType type, Object value) {
    if (value == null) {
      return NULL;
    }
    Value.Builder b = Value.newBuilder();
    return switch (type) {
      case BOOL -> b.setBoolVal((Boolean) value).build();
      case INT32 -> b.setInt32Val((Integer) value).build();
      case INT64 -> b.setInt64Val(((Number) value).longValue()).build();
      case FLOAT -> b.setFloatVal((Float) value).build();
      case DOUBLE -> b.setDoubleVal(((Number) value).doubleValue()).build();
      case STRING -> b.setStringVal((String) value).build();
      case BYTES -> b.setBytesVal(ByteString.copyFrom((byte[]) value)).build();
      case TIMESTAMP -> b.setTimestampMicrosVal(EpochMicros.of((Instant) value)).build();
      case FLOAT_LIST ->
          b.setFloatListVal(FloatList.newBuilder().addAllVal((List<Float>) value)).build();
      case DOUBLE_LIST ->
          b.setDoubleListVal(DoubleList.newBuilder().addAllVal((List<Double>) value)).build();
      case INT64_LIST ->
          b.setInt64ListVal(Int64List.newBuilder().addAllVal((List<Long>) value)).build();
      case STRING_LIST ->
          b.setStringListVal(StringList.newBuilder().addAllVal((List<String>) value)).build();
    };
  }

  /**
   * Appends one row's value to the column's vector of {@code type}; null as the type's default (the
   * row's status says there is no value), lists as a {@code Value} each.
   */
  static void add(FeatureColumn.Builder column, ValueType type, Object value) {
    switch (type) {
      case BOOL -> column.addBoolValues(value != null && (Boolean) value);
      case INT32 -> column.addInt32Values(value == null ? 0 : (Integer) value);
      case INT64 -> column.addInt64Values(value == null ? 0 : ((Number) value).longValue());
      case FLOAT -> column.addFloatValues(value == null ? 0 : (Float) value);
      case DOUBLE -> column.addDoubleValues(value == null ? 0 : ((Number) value).doubleValue());
      case STRING -> column.addStringValues(value == null ? "" : (String) value);
      case BYTES ->
          column.addBytesValues(
              value == null ? ByteString.EMPTY : ByteString.copyFrom((byte[]) value));
      case TIMESTAMP -> column.addInt64Values(value == null ? 0 : EpochMicros.of((Instant) value));
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST ->
          column.addValues(toProto(type, value));
    }
  }
}
