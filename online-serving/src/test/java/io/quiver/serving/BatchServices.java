package io.quiver.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.ServiceProcess;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/**
 * The materializer and the offline export as their packaged jars, child JVMs of the test, started
 * side by side. Both use the shared PostgreSQL (with the Iceberg catalog and warehouse) and the
 * registry the serving tests use; the materializer writes into the serving tests' own Redis.
 */
final class BatchServices implements AutoCloseable {
  private final ServiceProcess materializer;
  private final ServiceProcess export;

  private BatchServices(ServiceProcess materializer, ServiceProcess export) {
    this.materializer = materializer;
    this.export = export;
  }

  static BatchServices start(URI registry, String redisUrl) throws IOException {
    Map<String, String> env =
        new HashMap<>(DevStack.shared(EnumSet.of(Component.POSTGRES)).toEnv());
    env.put("QUIVER_REGISTRY_URL", registry.toString());
    env.put("QUIVER_REDIS_URL", redisUrl);
    env.put("QUIVER_SCHEDULER_ENABLED", "false");
    env.put("QUIVER_HOME", Files.createTempDirectory("quiver-online-offline-home").toString());
    CompletableFuture<ServiceProcess> m = async(() -> ServiceProcess.start("materializer", env));
    CompletableFuture<ServiceProcess> e = async(() -> ServiceProcess.start("offline-export", env));
    try {
      return new BatchServices(m.join(), e.join());
    } catch (RuntimeException failed) {
      m.thenAccept(ServiceProcess::close);
      e.thenAccept(ServiceProcess::close);
      throw failed;
    }
  }

  private static CompletableFuture<ServiceProcess> async(Supplier<ServiceProcess> start) {
    return CompletableFuture.supplyAsync(start);
  }

  /** An incremental run of {@code view}; fails the test unless it SUCCEEDED. */
  void materialize(String project, String view) {
    String runs = "/api/v1/projects/" + project + "/feature-views/" + view + "/materializations";
    String id =
        given()
            .baseUri(materializer.url().toString())
            .contentType(ContentType.JSON)
            .body("{\"mode\": \"incremental\"}")
            .post(runs)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath run = awaitEnd(materializer, runs + "/" + id);
    assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
  }

  /**
   * A CSV export of {@code refs} for the inline entity rows {@code rowsJson} (a JSON array);
   * returns the dataset's records, header first, null for an empty (null) field.
   */
  List<List<String>> exportCsv(String project, List<String> refs, String rowsJson) {
    String jobs = "/api/v1/projects/" + project + "/exports";
    String features = String.join("\", \"", refs);
    String body =
        "{\"features\": [\""
            + features
            + "\"], \"entities\": {\"rows\": "
            + rowsJson
            + "}, \"format\": \"csv\"}";
    String id =
        given()
            .baseUri(export.url().toString())
            .contentType(ContentType.JSON)
            .body(body)
            .post(jobs)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    JsonPath job = awaitEnd(export, jobs + "/" + id);
    assertThat(job.getString("status")).as(job.prettify()).isEqualTo("SUCCEEDED");
    try {
      return Csv.parse(Files.readString(Path.of(URI.create(job.getString("outputUri")))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonPath awaitEnd(ServiceProcess service, String path) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                !given()
                    .baseUri(service.url().toString())
                    .get(path)
                    .path("status")
                    .toString()
                    .matches("QUEUED|RUNNING"));
    return given().baseUri(service.url().toString()).get(path).jsonPath();
  }

  @Override
  public void close() {
    materializer.close();
    export.close();
  }
}
