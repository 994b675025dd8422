package io.quiver.registry;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.UUID;

/** The seed's user_features objects as JSON, and small REST helpers shared by registry tests. */
final class Fixtures {
  private Fixtures() {}

  /** A project of its own per test, so tests sharing one database never see each other. */
  static String newProject() {
    return "p_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static final String USER =
      """
      {"kind": "Entity", "name": "user", "description": "A user of the app",
       "tags": {"team": "growth"}, "owner": "ml@quiver.dev",
       "joinKeys": [{"name": "user_id", "type": "INT64"}]}
      """;

  static final String USER_EVENTS =
      """
      {"kind": "DataSource", "name": "user_events", "type": "FILE",
       "path": "data/user_events/*.parquet", "format": "PARQUET",
       "timestampField": "event_time", "allowedLateness": "2h",
       "schema": [{"name": "user_id", "type": "INT64"},
                  {"name": "event_time", "type": "TIMESTAMP"},
                  {"name": "event_type", "type": "STRING"},
                  {"name": "session_duration", "type": "DOUBLE"}]}
      """;

  static final String USER_FEATURES =
      """
      {"kind": "FeatureView", "name": "user_features", "entities": ["user"],
       "source": "user_events", "maxAge": "7d", "schedule": "@hourly",
       "expectations": [{"check": "completeness", "column": "session_duration", "min": 0.9}],
       "aggregations": [
         {"name": "last_activity", "function": "max", "column": "event_time", "window": "lifetime"},
         {"name": "event_count", "function": "count", "column": "user_id", "window": "lifetime"},
         {"name": "avg_session_duration", "function": "mean", "column": "session_duration",
          "window": "lifetime"},
         {"name": "total_session_time", "function": "sum", "column": "session_duration",
          "window": "lifetime"}]}
      """;

  static final String LAST_EVENT =
      """
      {"kind": "FeatureView", "name": "last_event", "entities": ["user"],
       "source": "user_events", "maxAge": "1d",
       "select": {"event_type": "event_type", "event_count": "user_id"},
       "features": [{"name": "event_type", "type": "STRING"},
                    {"name": "event_count", "type": "INT64"}]}
      """;

  static final String SERVICE =
      """
      {"kind": "FeatureService", "name": "churn_model",
       "features": ["user_features:*", "last_event:event_type"]}
      """;

  static String path(String project, String kind, String name) {
    return "/api/v1/projects/" + project + "/" + kind + "/" + name;
  }

  static ValidatableResponse put(String project, String kind, String name, String json) {
    return given().contentType(ContentType.JSON).body(json).put(path(project, kind, name)).then();
  }

  static ValidatableResponse post(String project, String action, String json) {
    return given()
        .contentType(ContentType.JSON)
        .body(json)
        .post("/api/v1/projects/" + project + "/" + action)
        .then();
  }

  static String objects(boolean prune, String... objects) {
    return "{\"prune\": " + prune + ", \"objects\": [" + String.join(",", objects) + "]}";
  }

  /** Creates the seed objects in {@code project}. */
  static void seed(String project) {
    post(project, "apply", objects(false, USER, USER_EVENTS, USER_FEATURES, LAST_EVENT, SERVICE))
        .statusCode(200);
  }
}
