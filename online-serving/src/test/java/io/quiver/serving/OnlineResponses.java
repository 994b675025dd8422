package io.quiver.serving;

import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.ServedView;
import io.quiver.proto.types.v1.Value;
import java.time.Instant;
import java.util.List;

/**
 * Reading a {@link GetOnlineFeaturesResponse} one cell at a time, as a Java object per value rather
 * than the typed vectors, the way a client of the contract would (nothing from serving's code).
 */
final class OnlineResponses {
  private OnlineResponses() {}

  /**
   * The value of a row as a Java object: Boolean, Integer, Long, Float, Double, String, byte[],
   * Instant (TIMESTAMP) or a List (list types); null unless the status is PRESENT or
   * OUTSIDE_MAX_AGE (the status says why there is none), or for a row in null_rows.
   */
  static Object value(FeatureColumn column, int row) {
    FeatureStatus status = column.getStatuses(row);
    if (status != FeatureStatus.PRESENT && status != FeatureStatus.OUTSIDE_MAX_AGE
        || column.getNullRowsList().contains(row)) {
      return null;
    }
    return switch (column.getType()) {
      case VALUE_TYPE_BOOL -> column.getBoolValues(row);
      case VALUE_TYPE_INT32 -> column.getInt32Values(row);
      case VALUE_TYPE_INT64 -> column.getInt64Values(row);
      case VALUE_TYPE_FLOAT -> column.getFloatValues(row);
      case VALUE_TYPE_DOUBLE -> column.getDoubleValues(row);
      case VALUE_TYPE_STRING -> column.getStringValues(row);
      case VALUE_TYPE_BYTES -> column.getBytesValues(row).toByteArray();
      case VALUE_TYPE_TIMESTAMP -> micros(column.getInt64Values(row));
      case VALUE_TYPE_FLOAT_LIST,
          VALUE_TYPE_DOUBLE_LIST,
          VALUE_TYPE_INT64_LIST,
          VALUE_TYPE_STRING_LIST ->
          list(column.getValues(row));
      case VALUE_TYPE_UNSPECIFIED, UNRECOGNIZED ->
          throw new IllegalArgumentException(
              "column '" + column.getName() + "' has no known value type: " + column.getType());
    };
  }

  /** When the row's value happened (UTC micros), from the column's view; 0 where none. */
  static long eventTimeMicros(GetOnlineFeaturesResponse response, int column, int row) {
    return view(response, column).getEventTimeMicros(row);
  }

  /** now - event time at the server (micros), from the column's view; 0 where none. */
  static long ageMicros(GetOnlineFeaturesResponse response, int column, int row) {
    return view(response, column).getAgeMicros(row);
  }

  /** The view version that served a column. */
  static ServedView view(GetOnlineFeaturesResponse response, int column) {
    return response.getViews(response.getFeatures(column).getView());
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000), 1_000 * Math.floorMod(micros, 1_000_000));
  }

  private static List<?> list(Value v) {
    return switch (v.getKindCase()) {
      case FLOAT_LIST_VAL -> List.copyOf(v.getFloatListVal().getValList());
      case DOUBLE_LIST_VAL -> List.copyOf(v.getDoubleListVal().getValList());
      case INT64_LIST_VAL -> List.copyOf(v.getInt64ListVal().getValList());
      case STRING_LIST_VAL -> List.copyOf(v.getStringListVal().getValList());
      default -> null;
    };
  }
}
