package io.quiver.serving.grpc;

import com.google.protobuf.CodedOutputStream;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.ValueStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Answer columns straight to the wire bytes of a {@code
 * quiver.serving.v1.GetOnlineFeaturesResponse} (protobuf encoding), without building a {@code
 * Value} message and a builder per value: the same bytes the generated classes would write for
 * {@link ProtoMapping#response}, which stays the reference this encoder is tested against (a 100 ×
 * 50 answer is 5,000 values).
 *
 * <p>Field numbers follow {@code serving.proto} and {@code value.proto}; a change there must be
 * made here too (the equality test fails otherwise). List values, rare on the hot path, are encoded
 * through the generated {@code Value}.
 */
final class ResponseEncoder {
  // GetOnlineFeaturesResponse.features = 1 (message)
  private static final int FEATURES = tag(1, 2);
  // FeatureColumn: name = 1, view_version = 2, values = 3, statuses = 4 (packed), event_time_micros
  // = 5 (packed), age_micros = 6 (packed)
  private static final int NAME = tag(1, 2);
  private static final int VIEW_VERSION = tag(2, 0);
  private static final int VALUES = tag(3, 2);
  private static final int STATUSES = tag(4, 2);
  private static final int EVENT_TIMES = tag(5, 2);
  private static final int AGES = tag(6, 2);
  // Value oneof kind
  private static final int NULL_VAL = tag(1, 0);
  private static final int BOOL_VAL = tag(2, 0);
  private static final int INT32_VAL = tag(3, 0);
  private static final int INT64_VAL = tag(4, 0);
  private static final int FLOAT_VAL = tag(5, 5);
  private static final int DOUBLE_VAL = tag(6, 1);
  private static final int STRING_VAL = tag(7, 2);
  private static final int BYTES_VAL = tag(8, 2);
  private static final int TIMESTAMP_VAL = tag(9, 0);

  private static final int[] STATUS_NUMBERS;

  static {
    ValueStatus[] all = ValueStatus.values();
    STATUS_NUMBERS = new int[all.length];
    for (ValueStatus s : all) {
      STATUS_NUMBERS[s.ordinal()] = ProtoMapping.statusNumber(s);
    }
  }

  private ResponseEncoder() {}

  private static int tag(int field, int wireType) {
    return (field << 3) | wireType;
  }

  static byte[] encode(List<FeatureColumn> columns) {
    int n = columns.size();
    byte[][] names = new byte[n][];
    int[] columnSizes = new int[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      FeatureColumn c = columns.get(i);
      names[i] = c.name().getBytes(StandardCharsets.UTF_8);
      columnSizes[i] = columnSize(c, names[i]);
      total += 1 + CodedOutputStream.computeUInt32SizeNoTag(columnSizes[i]) + columnSizes[i];
    }
    byte[] out = new byte[total];
    CodedOutputStream w = CodedOutputStream.newInstance(out);
    try {
      for (int i = 0; i < n; i++) {
        w.writeUInt32NoTag(FEATURES);
        w.writeUInt32NoTag(columnSizes[i]);
        writeColumn(w, columns.get(i), names[i]);
      }
      w.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a size computed wrong: a bug, never input
    }
    return out;
  }

  private static int columnSize(FeatureColumn c, byte[] name) {
    int size = 0;
    if (name.length > 0) {
      size += 1 + CodedOutputStream.computeUInt32SizeNoTag(name.length) + name.length;
    }
    if (c.viewVersion() != 0) {
      size += 1 + CodedOutputStream.computeInt32SizeNoTag(c.viewVersion());
    }
    int rows = c.size();
    for (int row = 0; row < rows; row++) {
      int value = valueSize(c.type(), c.value(row));
      size += 1 + CodedOutputStream.computeUInt32SizeNoTag(value) + value;
    }
    if (rows > 0) {
      size += packed(statusesSize(c)) + packed(eventTimesSize(c)) + packed(agesSize(c));
    }
    return size;
  }

  private static int packed(int payload) {
    return 1 + CodedOutputStream.computeUInt32SizeNoTag(payload) + payload;
  }

  private static int statusesSize(FeatureColumn c) {
    int size = 0;
    for (int row = 0; row < c.size(); row++) {
      size += CodedOutputStream.computeEnumSizeNoTag(STATUS_NUMBERS[c.status(row).ordinal()]);
    }
    return size;
  }

  private static int eventTimesSize(FeatureColumn c) {
    int size = 0;
    for (int row = 0; row < c.size(); row++) {
      size += CodedOutputStream.computeInt64SizeNoTag(c.eventTimeMicros(row));
    }
    return size;
  }

  private static int agesSize(FeatureColumn c) {
    int size = 0;
    for (int row = 0; row < c.size(); row++) {
      size += CodedOutputStream.computeInt64SizeNoTag(c.ageMicros(row));
    }
    return size;
  }

  private static void writeColumn(CodedOutputStream w, FeatureColumn c, byte[] name)
      throws IOException {
    if (name.length > 0) {
      w.writeUInt32NoTag(NAME);
      w.writeUInt32NoTag(name.length);
      w.writeRawBytes(name);
    }
    if (c.viewVersion() != 0) {
      w.writeUInt32NoTag(VIEW_VERSION);
      w.writeInt32NoTag(c.viewVersion());
    }
    int rows = c.size();
    for (int row = 0; row < rows; row++) {
      Object value = c.value(row);
      w.writeUInt32NoTag(VALUES);
      w.writeUInt32NoTag(valueSize(c.type(), value));
      writeValue(w, c.type(), value);
    }
    if (rows == 0) {
      return;
    }
    w.writeUInt32NoTag(STATUSES);
    w.writeUInt32NoTag(statusesSize(c));
    for (int row = 0; row < rows; row++) {
      w.writeEnumNoTag(STATUS_NUMBERS[c.status(row).ordinal()]);
    }
    w.writeUInt32NoTag(EVENT_TIMES);
    w.writeUInt32NoTag(eventTimesSize(c));
    for (int row = 0; row < rows; row++) {
      w.writeInt64NoTag(c.eventTimeMicros(row));
    }
    w.writeUInt32NoTag(AGES);
    w.writeUInt32NoTag(agesSize(c));
    for (int row = 0; row < rows; row++) {
      w.writeInt64NoTag(c.ageMicros(row));
    }
  }

  /** The encoded size of one {@code Value} message (its oneof always written, even a default). */
  private static int valueSize(ValueType type, Object value) {
    if (value == null) {
      return 2; // null_val = NULL (0)
    }
    return switch (type) {
      case BOOL -> 2;
      case INT32 -> 1 + CodedOutputStream.computeInt32SizeNoTag((Integer) value);
      case INT64 -> 1 + CodedOutputStream.computeInt64SizeNoTag(((Number) value).longValue());
      case FLOAT -> 5;
      case DOUBLE -> 9;
      case STRING -> 1 + CodedOutputStream.computeStringSizeNoTag((String) value);
      case BYTES -> 1 + CodedOutputStream.computeByteArraySizeNoTag((byte[]) value);
      case TIMESTAMP ->
          1 + CodedOutputStream.computeInt64SizeNoTag(EpochMicros.of((Instant) value));
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST ->
          ProtoValues.toProto(type, value).getSerializedSize();
    };
  }

  private static void writeValue(CodedOutputStream w, ValueType type, Object value)
      throws IOException {
    if (value == null) {
      w.writeUInt32NoTag(NULL_VAL);
      w.writeEnumNoTag(0);
      return;
    }
    switch (type) {
      case BOOL -> {
        w.writeUInt32NoTag(BOOL_VAL);
        w.writeBoolNoTag((Boolean) value);
      }
      case INT32 -> {
        w.writeUInt32NoTag(INT32_VAL);
        w.writeInt32NoTag((Integer) value);
      }
      case INT64 -> {
        w.writeUInt32NoTag(INT64_VAL);
        w.writeInt64NoTag(((Number) value).longValue());
      }
      case FLOAT -> {
        w.writeUInt32NoTag(FLOAT_VAL);
        w.writeFloatNoTag((Float) value);
      }
      case DOUBLE -> {
        w.writeUInt32NoTag(DOUBLE_VAL);
        w.writeDoubleNoTag(((Number) value).doubleValue());
      }
      case STRING -> {
        w.writeUInt32NoTag(STRING_VAL);
        w.writeStringNoTag((String) value);
      }
      case BYTES -> {
        w.writeUInt32NoTag(BYTES_VAL);
        w.writeByteArrayNoTag((byte[]) value);
      }
      case TIMESTAMP -> {
        w.writeUInt32NoTag(TIMESTAMP_VAL);
        w.writeInt64NoTag(EpochMicros.of((Instant) value));
      }
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST ->
          ProtoValues.toProto(type, value).writeTo(w);
    }
  }
}
