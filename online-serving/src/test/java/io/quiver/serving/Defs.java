package io.quiver.serving;

/** Definitions used by the serving tests (the seed's shapes, from the registry's Fixtures). */
final class Defs {
  private Defs() {}

  static final String USER =
      """
      {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "INT64"}]}
      """;

  static final String COUNTRY =
      """
      {"kind": "Entity", "name": "country", "joinKeys": [{"name": "country_code", "type": "STRING"}]}
      """;

  static final String USER_EVENTS =
      """
      {"kind": "DataSource", "name": "user_events", "type": "FILE",
       "path": "data/user_events/*.parquet", "format": "PARQUET", "timestampField": "event_time",
       "schema": [{"name": "user_id", "type": "INT64"},
                  {"name": "event_time", "type": "TIMESTAMP"},
                  {"name": "event_type", "type": "STRING"},
                  {"name": "session_duration", "type": "DOUBLE"}]}
      """;

  static final String COUNTRIES =
      """
      {"kind": "DataSource", "name": "countries", "type": "FILE",
       "path": "data/countries/*.csv", "format": "CSV", "timestampField": "updated",
       "schema": [{"name": "country_code", "type": "STRING"},
                  {"name": "updated", "type": "TIMESTAMP"},
                  {"name": "population", "type": "INT64"}]}
      """;

  /** A select view: the user's last event, maxAge 1d. */
  static final String LAST_EVENT =
      """
      {"kind": "FeatureView", "name": "last_event", "entities": ["user"],
       "source": "user_events", "maxAge": "1d",
       "select": {"event_type": "event_type", "duration": "session_duration"},
       "features": [{"name": "event_type", "type": "STRING"},
                    {"name": "duration", "type": "DOUBLE"}]}
      """;

  static final String COUNTRY_STATS =
      """
      {"kind": "FeatureView", "name": "country_stats", "entities": ["country"],
       "source": "countries",
       "select": {"population": "population"},
       "features": [{"name": "population", "type": "INT64"}]}
      """;

  /** The seed's lifetime aggregates. */
  static final String USER_FEATURES =
      """
      {"kind": "FeatureView", "name": "user_features", "entities": ["user"],
       "source": "user_events", "maxAge": "7d",
       "aggregations": [
         {"name": "last_activity", "function": "max", "column": "event_time", "window": "lifetime"},
         {"name": "event_count", "function": "count", "column": "user_id", "window": "lifetime"},
         {"name": "avg_session_duration", "function": "mean", "column": "session_duration",
          "window": "lifetime"},
         {"name": "total_session_time", "function": "sum", "column": "session_duration",
          "window": "lifetime"}]}
      """;

  /** Sliding windows with a 5-minute hop. */
  static final String USER_WINDOWS =
      """
      {"kind": "FeatureView", "name": "user_windows", "entities": ["user"],
       "source": "user_events", "hop": "5m",
       "aggregations": [
         {"name": "events_1h", "function": "count", "column": "user_id", "window": "1h"},
         {"name": "duration_sum_1h", "function": "sum", "column": "session_duration",
          "window": "1h"},
         {"name": "duration_max_20m", "function": "max", "column": "session_duration",
          "window": "20m"},
         {"name": "events_ever", "function": "count", "column": "user_id", "window": "lifetime"}]}
      """;

  static final String CHURN =
      """
      {"kind": "FeatureService", "name": "churn_model",
       "features": ["user_features:*", "last_event:event_type"]}
      """;

  /** Same features, callers name the key "uid". */
  static final String CHURN_UID =
      """
      {"kind": "FeatureService", "name": "churn_uid",
       "features": ["last_event:event_type"], "joinKeyMap": {"user_id": "uid"}}
      """;
}
