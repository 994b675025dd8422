package io.quiver.serving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The definitions {@link OnlineEqualsOfflineTest} materializes: user_events CSV files with a
 * created-time column, a select view, sliding windows (hop 5m) and the seed's lifetime aggregates.
 */
final class OnlineOfflineDefs {
  static final String SELECT_VIEW = "last_event";
  static final List<String> VIEWS = List.of(SELECT_VIEW, "user_windows", "user_features");
  static final int WINDOW_FEATURES = 6;

  /** The value types the compared features have. */
  enum Kind {
    INT64,
    DOUBLE,
    STRING,
    TIMESTAMP
  }

  private OnlineOfflineDefs() {}

  static Map<String, Kind> features() {
    Map<String, Kind> f = new LinkedHashMap<>();
    f.put("last_event:event_type", Kind.STRING);
    f.put("last_event:duration", Kind.DOUBLE);
    f.put("user_windows:events_1h", Kind.INT64);
    f.put("user_windows:duration_sum_2h", Kind.DOUBLE);
    f.put("user_windows:duration_max_20m", Kind.DOUBLE);
    f.put("user_windows:duration_mean_30m", Kind.DOUBLE);
    f.put("user_windows:last_type_1h", Kind.STRING);
    f.put("user_windows:types_2h", Kind.INT64);
    f.put("user_features:last_activity", Kind.TIMESTAMP);
    f.put("user_features:event_count", Kind.INT64);
    f.put("user_features:avg_session_duration", Kind.DOUBLE);
    f.put("user_features:total_session_time", Kind.DOUBLE);
    return f;
  }

  static String[] objects(String glob) {
    return new String[] {
      Defs.USER,
      """
      {"kind": "DataSource", "name": "user_events", "type": "FILE", "path": "%s", "format": "CSV",
       "timestampField": "event_time", "createdTimestampField": "created_at",
       "schema": [{"name": "user_id", "type": "INT64"},
                  {"name": "event_time", "type": "TIMESTAMP"},
                  {"name": "created_at", "type": "TIMESTAMP"},
                  {"name": "event_type", "type": "STRING"},
                  {"name": "session_duration", "type": "DOUBLE"}]}
      """
          .formatted(glob),
      """
      {"kind": "FeatureView", "name": "last_event", "entities": ["user"],
       "source": "user_events", "maxAge": "3h",
       "select": {"event_type": "event_type", "duration": "session_duration"},
       "features": [{"name": "event_type", "type": "STRING"},
                    {"name": "duration", "type": "DOUBLE"}]}
      """,
      """
      {"kind": "FeatureView", "name": "user_windows", "entities": ["user"],
       "source": "user_events", "hop": "5m", "maxAge": "90m",
       "aggregations": [
         {"name": "events_1h", "function": "count", "column": "user_id", "window": "1h"},
         {"name": "duration_sum_2h", "function": "sum", "column": "session_duration",
          "window": "2h"},
         {"name": "duration_max_20m", "function": "max", "column": "session_duration",
          "window": "20m"},
         {"name": "duration_mean_30m", "function": "mean", "column": "session_duration",
          "window": "30m"},
         {"name": "last_type_1h", "function": "last", "column": "event_type", "window": "1h"},
         {"name": "types_2h", "function": "count_distinct", "column": "event_type",
          "window": "2h"}]}
      """,
      Defs.USER_FEATURES
    };
  }
}
