package io.quiver.serving.grpc;

import com.google.protobuf.CodedOutputStream;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.ServedView;
import io.quiver.serving.app.ValueStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answer columns straight to the wire bytes of a {@code
 * quiver.serving.v1.GetOnlineFeaturesResponse} (protobuf encoding), without building the message:
 * the same bytes the generated classes write for {@link ProtoMapping#response}, which stays the
 * reference this encoder is tested against (a 100 × 50 answer is 5,000 values). A column's sizes
 * are computed once (a view's time vectors, a few per answer, twice), then the bytes written into
 * one array of exactly the total size.
 *
 * <p>Field numbers follow {@code serving.proto}; a change there must be made here too (the equality
 * test fails otherwise). Fields are written in field-number order, as the generated code does. List
 * values, rare on the hot path, are encoded through the generated {@code Value}.
 */
final class ResponseEncoder {
  // GetOnlineFeaturesResponse: features = 1, views = 2
  private static final int FEATURES = 1;
  private static final int VIEWS = 2;
  // FeatureColumn
  private static final int NAME = 1;
  private static final int VIEW_VERSION = 2;
  private static final int LIST_VALUES = 3;
  private static final int STATUSES = 4;
  private static final int VIEW = 7;
  private static final int TYPE = 8;
  private static final int NULL_ROWS = 9;
  private static final int DOUBLE_VALUES = 10;
  private static final int FLOAT_VALUES = 11;
  private static final int INT64_VALUES = 12;
  private static final int INT32_VALUES = 13;
  private static final int BOOL_VALUES = 14;
  private static final int STRING_VALUES = 15;
  private static final int BYTES_VALUES = 16;
  // ServedView
  private static final int VIEW_NAME = 1;
  private static final int VERSION = 2;
  private static final int EVENT_TIMES = 3;
  private static final int AGES = 4;

  private static final int LENGTH_DELIMITED = 2;
  private static final int[] STATUS_NUMBERS;

  static {
    ValueStatus[] all = ValueStatus.values();
    STATUS_NUMBERS = new int[all.length];
    for (ValueStatus s : all) {
      STATUS_NUMBERS[s.ordinal()] = ProtoMapping.statusNumber(s);
    }
  }

  private ResponseEncoder() {}

  /** One column's encoded sizes, computed once for both passes. */
  private static final class ColumnSizes {
    byte[] name;
    int view;
    int statuses;
    int nullRows; // payload of null_rows
    int values; // payload of the packed vector, or the sum of string/bytes/list elements
    int total;
  }

  static byte[] encode(List<FeatureColumn> columns) {
    int n = columns.size();
    Map<ServedView, Integer> viewIndex = new IdentityHashMap<>();
    ServedView[] views = new ServedView[n];
    byte[][] viewNames = new byte[n][];
    int[] viewSizes = new int[n];
    ColumnSizes[] sizes = new ColumnSizes[n];
    int total = 0;
    for (int i = 0; i < n; i++) {
      FeatureColumn c = columns.get(i);
      Integer v = viewIndex.get(c.view());
      if (v == null) {
        v = viewIndex.size();
        viewIndex.put(c.view(), v);
        views[v] = c.view();
        viewNames[v] = c.view().name().getBytes(StandardCharsets.UTF_8);
        viewSizes[v] = viewSize(c.view(), viewNames[v]);
        total += delimited(VIEWS, viewSizes[v]);
      }
      ColumnSizes s = columnSizes(c, v);
      sizes[i] = s;
      total += delimited(FEATURES, s.total);
    }
    byte[] out = new byte[total];
    CodedOutputStream w = CodedOutputStream.newInstance(out);
    try {
      for (int i = 0; i < n; i++) {
        w.writeTag(FEATURES, LENGTH_DELIMITED);
        w.writeUInt32NoTag(sizes[i].total);
        writeColumn(w, columns.get(i), sizes[i]);
      }
      for (int v = 0; v < viewIndex.size(); v++) {
        w.writeTag(VIEWS, LENGTH_DELIMITED);
        w.writeUInt32NoTag(viewSizes[v]);
        writeView(w, views[v], viewNames[v]);
      }
      w.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a size computed wrong: a bug, never input
    }
    return out;
  }

  /** Tag, length and payload of a length-delimited field. */
  private static int delimited(int field, int payload) {
    return CodedOutputStream.computeTagSize(field)
        + CodedOutputStream.computeUInt32SizeNoTag(payload)
        + payload;
  }

  private static int viewSize(ServedView view, byte[] name) {
    int size = 0;
    if (name.length > 0) {
      size += delimited(VIEW_NAME, name.length);
    }
    if (view.version() != 0) {
      size += CodedOutputStream.computeInt32Size(VERSION, view.version());
    }
    if (view.size() > 0) {
      size += delimited(EVENT_TIMES, eventTimesSize(view)) + delimited(AGES, agesSize(view));
    }
    return size;
  }

  private static int eventTimesSize(ServedView view) {
    int size = 0;
    for (int row = 0; row < view.size(); row++) {
      size += CodedOutputStream.computeInt64SizeNoTag(view.eventTimeMicros(row));
    }
    return size;
  }

  private static int agesSize(ServedView view) {
    int size = 0;
    for (int row = 0; row < view.size(); row++) {
      size += CodedOutputStream.computeInt64SizeNoTag(view.ageMicros(row));
    }
    return size;
  }

  private static ColumnSizes columnSizes(FeatureColumn c, int view) {
    ColumnSizes s = new ColumnSizes();
    s.name = c.name().getBytes(StandardCharsets.UTF_8);
    s.view = view;
    int size = 0;
    if (s.name.length > 0) {
      size += delimited(NAME, s.name.length);
    }
    if (c.viewVersion() != 0) {
      size += CodedOutputStream.computeInt32Size(VIEW_VERSION, c.viewVersion());
    }
    int rows = c.size();
    s.values = valuesSize(c);
    if (isList(c.type())) {
      size += s.values;
    }
    if (rows > 0) {
      for (int row = 0; row < rows; row++) {
        s.statuses +=
            CodedOutputStream.computeEnumSizeNoTag(STATUS_NUMBERS[c.status(row).ordinal()]);
      }
      size += delimited(STATUSES, s.statuses);
    }
    if (view != 0) {
      size += CodedOutputStream.computeInt32Size(VIEW, view);
    }
    size += CodedOutputStream.computeEnumSize(TYPE, ProtoMapping.typeNumber(c.type()));
    for (int row = 0; row < rows; row++) {
      if (isStaleNull(c, row)) {
        s.nullRows += CodedOutputStream.computeUInt32SizeNoTag(row);
      }
    }
    if (s.nullRows > 0) {
      size += delimited(NULL_ROWS, s.nullRows);
    }
    if (rows > 0 && !isList(c.type())) {
      size +=
          switch (c.type()) {
            case STRING, BYTES -> s.values; // not packable: a tag per element, counted in values
            default -> delimited(vectorField(c.type()), s.values);
          };
    }
    s.total = size;
    return s;
  }

  /** A row sent as OUTSIDE_MAX_AGE whose value is null: listed in null_rows. */
  private static boolean isStaleNull(FeatureColumn c, int row) {
    return c.status(row) == ValueStatus.OUTSIDE_MAX_AGE && c.value(row) == null;
  }

  private static boolean isList(ValueType type) {
    return switch (type) {
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST -> true;
      default -> false;
    };
  }

  private static int vectorField(ValueType type) {
    return switch (type) {
      case DOUBLE -> DOUBLE_VALUES;
      case FLOAT -> FLOAT_VALUES;
      case INT64, TIMESTAMP -> INT64_VALUES;
      case INT32 -> INT32_VALUES;
      case BOOL -> BOOL_VALUES;
      case STRING -> STRING_VALUES;
      case BYTES -> BYTES_VALUES;
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST -> LIST_VALUES;
    };
  }

  /**
   * The payload of a packed vector; for strings, bytes and lists (not packable) the whole of their
   * repeated fields, tags included.
   */
  private static int valuesSize(FeatureColumn c) {
    int rows = c.size();
    switch (c.type()) {
      case DOUBLE:
        return 8 * rows;
      case FLOAT:
        return 4 * rows;
      case BOOL:
        return rows;
      default:
        break;
    }
    int size = 0;
    for (int row = 0; row < rows; row++) {
      Object v = c.value(row);
      size +=
          switch (c.type()) {
            case INT64 ->
                CodedOutputStream.computeInt64SizeNoTag(v == null ? 0 : ((Number) v).longValue());
            case TIMESTAMP ->
                CodedOutputStream.computeInt64SizeNoTag(
                    v == null ? 0 : EpochMicros.of((Instant) v));
            case INT32 -> CodedOutputStream.computeInt32SizeNoTag(v == null ? 0 : (Integer) v);
            case STRING ->
                CodedOutputStream.computeStringSize(STRING_VALUES, v == null ? "" : (String) v);
            case BYTES ->
                CodedOutputStream.computeByteArraySize(
                    BYTES_VALUES, v == null ? new byte[0] : (byte[]) v);
            default -> {
              int value = ProtoValues.toProto(c.type(), v).getSerializedSize();
              yield delimited(LIST_VALUES, value);
            }
          };
    }
    return size;
  }

  private static void writeColumn(CodedOutputStream w, FeatureColumn c, ColumnSizes s)
      throws IOException {
    if (s.name.length > 0) {
      w.writeTag(NAME, LENGTH_DELIMITED);
      w.writeUInt32NoTag(s.name.length);
      w.writeRawBytes(s.name);
    }
    if (c.viewVersion() != 0) {
      w.writeInt32(VIEW_VERSION, c.viewVersion());
    }
    int rows = c.size();
    if (isList(c.type())) {
      for (int row = 0; row < rows; row++) {
        w.writeMessage(LIST_VALUES, ProtoValues.toProto(c.type(), c.value(row)));
      }
    }
    if (rows > 0) {
      w.writeTag(STATUSES, LENGTH_DELIMITED);
      w.writeUInt32NoTag(s.statuses);
      for (int row = 0; row < rows; row++) {
        w.writeEnumNoTag(STATUS_NUMBERS[c.status(row).ordinal()]);
      }
    }
    if (s.view != 0) {
      w.writeInt32(VIEW, s.view);
    }
    w.writeEnum(TYPE, ProtoMapping.typeNumber(c.type()));
    if (s.nullRows > 0) {
      w.writeTag(NULL_ROWS, LENGTH_DELIMITED);
      w.writeUInt32NoTag(s.nullRows);
      for (int row = 0; row < rows; row++) {
        if (isStaleNull(c, row)) {
          w.writeUInt32NoTag(row);
        }
      }
    }
    if (rows > 0 && !isList(c.type())) {
      writeVector(w, c, s.values);
    }
  }

  private static void writeVector(CodedOutputStream w, FeatureColumn c, int payload)
      throws IOException {
    int rows = c.size();
    ValueType type = c.type();
    if (type == ValueType.STRING) {
      for (int row = 0; row < rows; row++) {
        Object v = c.value(row);
        w.writeString(STRING_VALUES, v == null ? "" : (String) v);
      }
      return;
    }
    if (type == ValueType.BYTES) {
      for (int row = 0; row < rows; row++) {
        Object v = c.value(row);
        w.writeByteArray(BYTES_VALUES, v == null ? new byte[0] : (byte[]) v);
      }
      return;
    }
    w.writeTag(vectorField(type), LENGTH_DELIMITED);
    w.writeUInt32NoTag(payload);
    for (int row = 0; row < rows; row++) {
      Object v = c.value(row);
      switch (type) {
        case DOUBLE -> w.writeDoubleNoTag(v == null ? 0 : ((Number) v).doubleValue());
        case FLOAT -> w.writeFloatNoTag(v == null ? 0 : (Float) v);
        case INT64 -> w.writeInt64NoTag(v == null ? 0 : ((Number) v).longValue());
        case TIMESTAMP -> w.writeInt64NoTag(v == null ? 0 : EpochMicros.of((Instant) v));
        case INT32 -> w.writeInt32NoTag(v == null ? 0 : (Integer) v);
        case BOOL -> w.writeBoolNoTag(v != null && (Boolean) v);
        default -> throw new IllegalStateException("not a packed type: " + type);
      }
    }
  }

  private static void writeView(CodedOutputStream w, ServedView view, byte[] name)
      throws IOException {
    if (name.length > 0) {
      w.writeTag(VIEW_NAME, LENGTH_DELIMITED);
      w.writeUInt32NoTag(name.length);
      w.writeRawBytes(name);
    }
    if (view.version() != 0) {
      w.writeInt32(VERSION, view.version());
    }
    int rows = view.size();
    if (rows == 0) {
      return;
    }
    w.writeTag(EVENT_TIMES, LENGTH_DELIMITED);
    w.writeUInt32NoTag(eventTimesSize(view));
    for (int row = 0; row < rows; row++) {
      w.writeInt64NoTag(view.eventTimeMicros(row));
    }
    w.writeTag(AGES, LENGTH_DELIMITED);
    w.writeUInt32NoTag(agesSize(view));
    for (int row = 0; row < rows; row++) {
      w.writeInt64NoTag(view.ageMicros(row));
    }
  }
}
