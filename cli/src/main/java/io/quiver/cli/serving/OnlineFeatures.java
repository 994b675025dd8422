package io.quiver.cli.serving;

import io.quiver.cli.Endpoints;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.types.v1.Value;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fetches online features for entity rows over gRPC and prints one line per row: its join keys,
 * then per feature {@code name=value (STATUS, age 1h02m)}; the age is left out when the server sent
 * no event time (NOT_FOUND).
 */
public final class OnlineFeatures {
  private OnlineFeatures() {}

  /**
   * {@code request} names the project and the features; {@code rows} are join key to value, a
   * {@link Long} sent as INT64 and anything else as its text (STRING).
   */
  public static void show(
      Endpoints endpoints,
      GetOnlineFeaturesRequest.Builder request,
      List<Map<String, Object>> rows,
      PrintWriter out) {
    rows.forEach(row -> request.addEntityRows(entityRow(row)));
    GetOnlineFeaturesResponse answer;
    try (OnlineServingClient serving = new OnlineServingClient(endpoints.onlineServingGrpc())) {
      answer = serving.getOnlineFeatures(request.build());
    }
    print(rows, answer, out);
  }

  static EntityRow entityRow(Map<String, Object> row) {
    EntityRow.Builder out = EntityRow.newBuilder();
    row.forEach(
        (key, value) ->
            out.putJoinKeys(
                key,
                value instanceof Long l
                    ? Value.newBuilder().setInt64Val(l).build()
                    : Value.newBuilder().setStringVal(value.toString()).build()));
    return out.build();
  }

  static void print(
      List<Map<String, Object>> rows, GetOnlineFeaturesResponse answer, PrintWriter out) {
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder line = new StringBuilder("  ");
      rows.get(i).forEach((k, v) -> line.append(k).append('=').append(v).append(' '));
      line.append('|');
      for (FeatureColumn column : answer.getFeaturesList()) {
        line.append(' ').append(cell(column, i));
      }
      out.println(line);
    }
    out.flush();
  }

  /** {@code feature=value (STATUS[, age A])} for row {@code i} of one column. */
  static String cell(FeatureColumn column, int i) {
    String name = column.getName();
    Value value = i < column.getValuesCount() ? column.getValues(i) : Value.getDefaultInstance();
    FeatureStatus status =
        i < column.getStatusesCount() ? column.getStatuses(i) : FeatureStatus.STATUS_UNSPECIFIED;
    boolean dated = i < column.getEventTimeMicrosCount() && column.getEventTimeMicros(i) != 0;
    return name.substring(name.indexOf(':') + 1)
        + '='
        + text(value)
        + " ("
        + status
        + (dated ? ", age " + age(column.getAgeMicros(i)) : "")
        + ')';
  }

  /** A value as a user reads it: timestamps ISO-8601 UTC, bytes base64, lists {@code [a,b]}. */
  static String text(Value v) {
    return switch (v.getKindCase()) {
      case NULL_VAL, KIND_NOT_SET -> "null";
      case BOOL_VAL -> Boolean.toString(v.getBoolVal());
      case INT32_VAL -> Integer.toString(v.getInt32Val());
      case INT64_VAL -> Long.toString(v.getInt64Val());
      case FLOAT_VAL -> Float.toString(v.getFloatVal());
      case DOUBLE_VAL -> Double.toString(v.getDoubleVal());
      case STRING_VAL -> v.getStringVal();
      case BYTES_VAL -> Base64.getEncoder().encodeToString(v.getBytesVal().toByteArray());
      case TIMESTAMP_MICROS_VAL ->
          Instant.EPOCH.plus(v.getTimestampMicrosVal(), ChronoUnit.MICROS).toString();
      case FLOAT_LIST_VAL -> list(v.getFloatListVal().getValList());
      case DOUBLE_LIST_VAL -> list(v.getDoubleListVal().getValList());
      case INT64_LIST_VAL -> list(v.getInt64ListVal().getValList());
      case STRING_LIST_VAL -> list(v.getStringListVal().getValList());
    };
  }

  private static String list(List<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  /** {@code 850ms}, {@code 42s}, {@code 12m05s}, {@code 3h02m}, {@code 2d04h}. */
  static String age(long micros) {
    Duration d = Duration.of(micros, ChronoUnit.MICROS);
    if (d.toSeconds() < 1) {
      return d.toMillis() + "ms";
    } else if (d.toMinutes() < 1) {
      return d.toSeconds() + "s";
    } else if (d.toHours() < 1) {
      return String.format("%dm%02ds", d.toMinutes(), d.toSecondsPart());
    } else if (d.toDays() < 1) {
      return String.format("%dh%02dm", d.toHours(), d.toMinutesPart());
    }
    return String.format("%dd%02dh", d.toDays(), d.toHoursPart());
  }
}
