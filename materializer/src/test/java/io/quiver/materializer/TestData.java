package io.quiver.materializer;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.awaitility.Awaitility;

/** The seed's user_features objects, user_events files, and REST helpers for materializer tests. */
final class TestData {
  static final MessageType USER_EVENTS =
      MessageTypeParser.parseMessageType(
          "message user_events { required int64 user_id;"
              + " required int64 event_time (TIMESTAMP(MICROS,true));"
              + " optional binary event_type (STRING); optional double session_duration; }");

  /** One user_events record; sessionDuration may be null. */
  record UserEvent(long userId, Instant eventTime, String eventType, Double sessionDuration) {}

  private TestData() {}

  static String project() {
    return "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static String userEntity() {
    return """
        {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "INT64"}]}""";
  }

  static String userEvents(String path, String format) {
    return """
        {"kind": "DataSource", "name": "user_events", "type": "FILE",
         "path": "%s", "format": "%s", "timestampField": "event_time", "allowedLateness": "2h",
         "schema": [{"name": "user_id", "type": "INT64"},
                    {"name": "event_time", "type": "TIMESTAMP"},
                    {"name": "event_type", "type": "STRING"},
                    {"name": "session_duration", "type": "DOUBLE"}]}"""
        .formatted(path, format);
  }

  static String userFeatures() {
    return """
        {"kind": "FeatureView", "name": "user_features", "entities": ["user"],
         "source": "user_events", "maxAge": "7d", "schedule": "@hourly",
         "expectations": [{"check": "completeness", "column": "session_duration", "min": 0.9}],
         "aggregations": [
           {"name": "last_activity", "function": "max", "column": "event_time", "window": "lifetime"},
           {"name": "event_count", "function": "count", "column": "user_id", "window": "lifetime"},
           {"name": "avg_session_duration", "function": "mean", "column": "session_duration",
            "window": "lifetime"},
           {"name": "total_session_time", "function": "sum", "column": "session_duration",
            "window": "lifetime"}]}""";
  }

  /**
   * Applies the seed's user, user_events (files of {@code format}, PARQUET or CSV, in a new temp
   * folder) and user_features to {@code project}; returns the folder the source reads.
   */
  static Path userFeaturesProject(String registry, String project, String format)
      throws IOException {
    Path dir = Files.createTempDirectory("user_events");
    String glob = dir + "/*." + format.toLowerCase(java.util.Locale.ROOT);
    apply(registry, project, userEntity(), userEvents(glob, format), userFeatures());
    return dir;
  }

  static void apply(String registry, String project, String... objects) {
    RestAssured.given()
        .baseUri(registry)
        .contentType(ContentType.JSON)
        .body("{\"prune\": false, \"objects\": [" + String.join(",", objects) + "]}")
        .post("/api/v1/projects/" + project + "/apply")
        .then()
        .statusCode(200);
  }

  static void writeParquet(Path file, List<UserEvent> events) {
    try {
      Files.createDirectories(file.getParent());
      SimpleGroupFactory groups = new SimpleGroupFactory(USER_EVENTS);
      try (ParquetWriter<Group> w =
          ExampleParquetWriter.builder(new LocalOutputFile(file)).withType(USER_EVENTS).build()) {
        for (UserEvent e : events) {
          Group g = groups.newGroup();
          g.add("user_id", e.userId());
          g.add("event_time", micros(e.eventTime()));
          g.add("event_type", e.eventType());
          if (e.sessionDuration() != null) {
            g.add("session_duration", e.sessionDuration());
          }
          w.write(g);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeCsv(Path file, String header, List<String> lines) {
    try {
      Files.createDirectories(file.getParent());
      List<String> all = new ArrayList<>();
      all.add(header);
      all.addAll(lines);
      Files.write(file, all);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
  }

  /** Starts a run and waits until it ends; returns its status document. */
  static Map<String, Object> materialize(String project, String view, String body) {
    String base = "/api/v1/projects/" + project + "/feature-views/" + view + "/materializations";
    String id =
        RestAssured.given()
            .contentType(ContentType.JSON)
            .body(body)
            .post(base)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    return awaitRun(base + "/" + id);
  }

  static Map<String, Object> awaitRun(String url) {
    List<Map<String, Object>> last = new ArrayList<>(List.of(Map.of()));
    Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(120))
        .pollInterval(java.time.Duration.ofMillis(200))
        .until(
            () -> {
              Map<String, Object> run =
                  RestAssured.get(url).then().statusCode(200).extract().path("");
              last.set(0, run);
              return run.get("status").equals("SUCCEEDED") || run.get("status").equals("FAILED");
            });
    return last.get(0);
  }
}
