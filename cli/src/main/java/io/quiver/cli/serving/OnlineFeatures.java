package io.quiver.cli.serving;

import io.quiver.cli.Endpoints;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.ServedView;
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
        line.append(' ').append(cell(column, answer.getViews(column.getView()), i));
      }
      out.println(line);
    }
    out.flush();
  }

  /** {@code feature=value (STATUS[, age A])} for row {@code i} of one column. */
  static String cell(FeatureColumn column, ServedView view, int i) {
    String name = column.getName();
    FeatureStatus status =
        i < column.getStatusesCount() ? column.getStatuses(i) : FeatureStatus.STATUS_UNSPECIFIED;
    boolean valued =
        (status == FeatureStatus.PRESENT || status == FeatureStatus.OUTSIDE_MAX_AGE)
            && !column.getNullRowsList().contains(i);
    boolean dated = i < view.getEventTimeMicrosCount() && view.getEventTimeMicros(i) != 0;
    return name.substring(name.indexOf(':') + 1)
        + '='
        + (valued ? text(column, i) : "null")
        + " ("
        + status
        + (dated ? ", age " + age(view.getAgeMicros(i)) : "")
        + ')';
  }

  /**
   * Row {@code i}'s value from the column's vector of its type, as a user reads it: timestamps
   * ISO-8601 UTC, bytes base64, lists {@code [a,b]}.
   */
  static String text(FeatureColumn c, int i) {
    return switch (c.getType()) {
      case VALUE_TYPE_BOOL -> Boolean.toString(c.getBoolValues(i));
      case VALUE_TYPE_INT32 -> Integer.toString(c.getInt32Values(i));
      case VALUE_TYPE_INT64 -> Long.toString(c.getInt64Values(i));
      case VALUE_TYPE_FLOAT -> Float.toString(c.getFloatValues(i));
      case VALUE_TYPE_DOUBLE -> Double.toString(c.getDoubleValues(i));
      case VALUE_TYPE_STRING -> c.getStringValues(i);
      case VALUE_TYPE_BYTES ->
          Base64.getEncoder().encodeToString(c.getBytesValues(i).toByteArray());
      case VALUE_TYPE_TIMESTAMP ->
          Instant.EPOCH.plus(c.getInt64Values(i), ChronoUnit.MICROS).toString();
      case VALUE_TYPE_FLOAT_LIST,
          VALUE_TYPE_DOUBLE_LIST,
          VALUE_TYPE_INT64_LIST,
          VALUE_TYPE_STRING_LIST ->
          text(c.getValues(i));
      case VALUE_TYPE_UNSPECIFIED, UNRECOGNIZED -> "?";
    };
  }

  private static String text(Value v) {
    return switch (v.getKindCase()) {
      case FLOAT_LIST_VAL -> list(v.getFloatListVal().getValList());
      case DOUBLE_LIST_VAL -> list(v.getDoubleListVal().getValList());
      case INT64_LIST_VAL -> list(v.getInt64ListVal().getValList());
      case STRING_LIST_VAL -> list(v.getStringListVal().getValList());
      default -> "null";
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
