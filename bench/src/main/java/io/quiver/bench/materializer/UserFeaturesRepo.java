package io.quiver.bench.materializer;

/**
 * The seed's definitions (examples/user_features) as the registry's apply body: entity {@code
 * user}, FILE source {@code user_events} over a raw-zone glob, and the {@code user_features}
 * lifetime aggregations with its two expectations (user_id complete, blocking; session_duration at
 * least 0, a warning).
 */
final class UserFeaturesRepo {
  static final String VIEW = "user_features";

  private UserFeaturesRepo() {}

  static String applyBody(String glob) {
    return """
        {"prune": false, "objects": [
         {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "INT64"}]},
         {"kind": "DataSource", "name": "user_events", "type": "FILE", "format": "PARQUET",
          "path": "%s", "timestampField": "event_time", "allowedLateness": "2h",
          "schema": [{"name": "user_id", "type": "INT64"},
                     {"name": "event_time", "type": "TIMESTAMP"},
                     {"name": "event_type", "type": "STRING"},
                     {"name": "session_duration", "type": "DOUBLE"}]},
         {"kind": "FeatureView", "name": "user_features", "entities": ["user"],
          "source": "user_events", "maxAge": "7d", "schedule": "@hourly",
          "online": true, "offline": true,
          "expectations": [
            {"check": "completeness", "column": "user_id", "min": 1.0},
            {"check": "min", "column": "session_duration", "min": 0, "severity": "warn"}],
          "aggregations": [
            {"name": "last_activity", "function": "max", "column": "event_time",
             "window": "lifetime"},
            {"name": "event_count", "function": "count", "column": "user_id",
             "window": "lifetime"},
            {"name": "avg_session_duration", "function": "mean", "column": "session_duration",
             "window": "lifetime"},
            {"name": "total_session_time", "function": "sum", "column": "session_duration",
             "window": "lifetime"}]}]}"""
        .formatted(glob);
  }
}
