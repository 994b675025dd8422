package io.quiver.export.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.model.ValueType;
import io.quiver.devstack.QuiverTestResource;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The export service over REST against a real registry process, real PostgreSQL and a real Iceberg
 * catalog: the feature table is written with offline-store's append, the layout the materializer
 * writes.
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class ExportApiTest {
  private static final Instant T0 = Instant.parse("2024-05-01T00:00:00Z");

  @ConfigProperty(name = "quiver.registry-url")
  String registryUrl;

  @ConfigProperty(name = "quiver.warehouse")
  String warehouse;

  @Inject IcebergOfflineStore store;

  private static final String OBJECTS =
      """
      {"prune": false, "objects": [
       {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "INT64"}]},
       {"kind": "DataSource", "name": "user_events", "type": "FILE",
        "path": "data/user_events/*.parquet", "format": "PARQUET", "timestampField": "event_time",
        "schema": [{"name": "user_id", "type": "INT64"}, {"name": "event_time", "type": "TIMESTAMP"},
                   {"name": "event_type", "type": "STRING"}]},
       {"kind": "FeatureView", "name": "last_event", "entities": ["user"], "source": "user_events",
        "maxAge": "1d", "select": {"event_type": "event_type"},
        "features": [{"name": "event_type", "type": "STRING"}]},
       {"kind": "FeatureService", "name": "by_customer", "features": ["last_event:event_type"],
        "joinKeyMap": {"user_id": "customer_id"}}]}
      """;

  private String seed() {
    String p = "x_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    given()
        .baseUri(registryUrl)
        .contentType(ContentType.JSON)
        .body(OBJECTS)
        .post("/api/v1/projects/" + p + "/apply")
        .then()
        .statusCode(200);
    append(
        p, "b1", List.of(row(1, 0, 0, "click"), row(1, 60, 600, "late"), row(2, 30, 30, "view")));
    return p;
  }

  private FeatureTableSpec spec(String p) {
    return FeatureTableSpec.select(
        p,
        "last_event",
        1,
        List.of(Column.of("user_id", ValueType.INT64)),
        List.of(Column.of("event_type", ValueType.STRING)));
  }

  private void append(String p, String batch, List<Object[]> rows) {
    store.append(spec(p), batch, rows);
  }

  /** user, event and created minutes after T0, value. */
  private static Object[] row(long user, int eventMin, int createdMin, String type) {
    return new Object[] {
      user, T0.plus(Duration.ofMinutes(eventMin)), T0.plus(Duration.ofMinutes(createdMin)), type
    };
  }

  private static final String ROWS =
      """
      [{"user_id": 1, "event_timestamp": "2024-05-01T02:00:00Z", "label": 1},
       {"user_id": 1, "event_timestamp": "2024-05-01T12:00:00Z", "label": 0},
       {"user_id": 2, "event_timestamp": "2024-05-03T00:00:00Z", "label": 1},
       {"user_id": 3, "event_timestamp": "2024-05-01T02:00:00Z", "label": 0},
       {"user_id": 1, "event_timestamp": "2024-05-01T02:00:00Z", "label": 1}]
      """;

  private static String request(String entities, String format, String extra) {
    return "{\"features\": [\"last_event:event_type\"], \"entities\": "
        + entities
        + ", \"format\": \""
        + format
        + "\""
        + extra
        + "}";
  }

  @Test
  void exportsInlineRowsToCsvWithThePointInTimeValueOfEachRow() throws IOException {
    String p = seed();
    JsonPath job = ExportJobs.submitAndWait(p, request("{\"rows\": " + ROWS + "}", "csv", ""));

    Path out = Path.of(URI.create(job.getString("outputUri")));
    assertThat(out.toString()).contains("/artifacts/" + p + "/exports/").endsWith("part-0.csv");
    assertThat(Files.readString(out))
        .isEqualTo(
            "user_id,event_timestamp,label,last_event__event_type\n"
                + "1,2024-05-01T02:00:00.000000Z,1,click\n"
                + "1,2024-05-01T12:00:00.000000Z,0,late\n"
                + "2,2024-05-03T00:00:00.000000Z,1,\n"
                + "3,2024-05-01T02:00:00.000000Z,0,\n"
                + "1,2024-05-01T02:00:00.000000Z,1,click\n");
    assertThat(job.getLong("manifest.output.rows")).isEqualTo(5);
    assertThat(job.getString("manifest.views[0].table")).isEqualTo(p + ".last_event__v1");
    assertThat(job.getLong("manifest.views[0].revision")).isPositive();
  }

  @Test
  void theManifestReproducesTheSameBytesAfterMoreDataArrived() throws IOException {
    String p = seed();
    String body = request("{\"rows\": " + ROWS + "}", "parquet", "");
    JsonPath first = ExportJobs.submitAndWait(p, body);
    long snapshot = first.getLong("manifest.views[0].snapshotId");
    append(p, "b2", List.of(row(1, 61, 61, "newer"), row(2, 40, 40, "newer"), row(3, 1, 1, "new")));

    Map<String, Object> manifest = first.getMap("manifest");
    String again =
        "{\"entities\": {\"rows\": "
            + ROWS
            + "}, \"manifest\": "
            + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(manifest)
            + "}";
    JsonPath replay = ExportJobs.submitAndWait(p, again);
    JsonPath fresh = ExportJobs.submitAndWait(p, body);

    byte[] a = Files.readAllBytes(Path.of(URI.create(first.getString("outputUri"))));
    byte[] b = Files.readAllBytes(Path.of(URI.create(replay.getString("outputUri"))));
    byte[] c = Files.readAllBytes(Path.of(URI.create(fresh.getString("outputUri"))));
    assertThat(b).isEqualTo(a);
    assertThat(replay.getString("manifest.output.sha256"))
        .isEqualTo(first.getString("manifest.output.sha256"));
    assertThat(c).isNotEqualTo(a);
    assertThat(fresh.getLong("manifest.views[0].snapshotId")).isNotEqualTo(snapshot);
    assertThat(store.catalog().loadTable(spec(p).identifier()).refs())
        .containsKey("export-" + first.getString("id"));
  }

  @Test
  void aManifestWithOtherEntityRowsIsRefused() throws IOException {
    String p = seed();
    JsonPath first =
        ExportJobs.submitAndWait(p, request("{\"rows\": " + ROWS + "}", "parquet", ""));
    String other = ROWS.replace("\"label\": 0", "\"label\": 7");
    String body =
        "{\"entities\": {\"rows\": "
            + other
            + "}, \"manifest\": "
            + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(first.getMap("manifest"))
            + "}";
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/projects/" + p + "/exports")
        .then()
        .statusCode(409)
        .body("detail", containsString("SHA-256"));
  }

  private void rejected(String p, String body, int status, String field, String detail) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/projects/" + p + "/exports")
        .then()
        .statusCode(status)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo(field))
        .body("detail", containsString(detail));
  }

  private static String csvFile(String text) throws IOException {
    Path f = Files.createTempDirectory("quiver-bad-input").resolve("entities.csv");
    Files.writeString(f, text);
    return "{\"uri\": \"" + f + "\"}";
  }

  @Test
  void badInputIsA4xxNamingTheProblemAndWritesNothing() throws IOException {
    String p = seed();
    rejected(
        p,
        request(csvFile("customer,event_timestamp\n1,2024-05-01T00:00:00Z\n"), "csv", ""),
        400,
        "user_id",
        "no join key column user_id");
    rejected(
        p,
        request(csvFile("user_id,ts\n1,2024-05-01T00:00:00Z\n"), "csv", ""),
        400,
        "event_timestamp",
        "no event_timestamp");
    rejected(
        p,
        request(csvFile("user_id,event_timestamp\n1,yesterday\n"), "csv", ""),
        400,
        "event_timestamp",
        "'yesterday', not a timestamp");
    rejected(
        p,
        request(csvFile("user_id,event_timestamp\nabc,2024-05-01T00:00:00Z\n"), "csv", ""),
        400,
        "user_id",
        "must be INT64");
    rejected(
        p, request(csvFile("user_id,event_timestamp\n"), "csv", ""), 400, "entities", "no rows");
    rejected(
        p,
        request("{\"rows\": " + ROWS + "}", "csv", "").replace("event_type\"]", "nope\"]"),
        400,
        "features",
        "no feature 'nope'");
    rejected(p, request("{\"rows\": " + ROWS + "}", "xlsx", ""), 400, "format", "parquet or csv");
    StringBuilder huge = new StringBuilder("[");
    for (int i = 0; i <= 1000; i++) {
      huge.append(i == 0 ? "" : ",")
          .append("{\"user_id\": 1, \"event_timestamp\": \"2024-05-01T00:00:00Z\"}");
    }
    rejected(
        p, request("{\"rows\": " + huge + "]}", "csv", ""), 413, "entities.rows", "limit of 1000");
    assertThat(Path.of(warehouse.replaceFirst("^file:", "")).resolve("artifacts").resolve(p))
        .doesNotExist();
  }

  @Test
  void aFeatureServiceReadsItsRenamedJoinKeyFromTheEntityRows() throws IOException {
    String p = seed();
    JsonPath plain = ExportJobs.submitAndWait(p, request("{\"rows\": " + ROWS + "}", "csv", ""));
    String renamed = ROWS.replace("\"user_id\"", "\"customer_id\"");
    JsonPath service =
        ExportJobs.submitAndWait(
            p,
            "{\"featureService\": \"by_customer\", \"format\": \"csv\", \"entities\": {\"rows\": "
                + renamed
                + "}}");

    String expected =
        Files.readString(Path.of(URI.create(plain.getString("outputUri"))))
            .replaceFirst("^user_id,", "customer_id,");
    assertThat(expected).contains(",click\n").contains(",late\n");
    assertThat(Files.readString(Path.of(URI.create(service.getString("outputUri")))))
        .isEqualTo(expected);
    assertThat(service.getMap("manifest.joinKeyMap")).containsEntry("user_id", "customer_id");

    String replay =
        "{\"entities\": {\"rows\": "
            + renamed
            + "}, \"manifest\": "
            + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(service.getMap("manifest"))
            + "}";
    assertThat(ExportJobs.submitAndWait(p, replay).getString("manifest.output.sha256"))
        .isEqualTo(service.getString("manifest.output.sha256"));
  }

  @Test
  void aFeatureServiceRequestWithoutTheRenamedKeyNamesTheCallersColumn() {
    String p = seed();
    rejected(
        p,
        "{\"featureService\": \"by_customer\", \"entities\": {\"rows\": " + ROWS + "}}",
        400,
        "customer_id",
        "no join key column customer_id");
  }

  @Test
  void unknownExportIs404() {
    given().get("/api/v1/projects/nope/exports/" + UUID.randomUUID()).then().statusCode(404);
  }

  static List<Object[]> list(Object[]... rows) {
    return new ArrayList<>(List.of(rows));
  }
}
