package io.quiver.export.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.QuiverTestResource;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.devstack.ServiceProcess;
import io.quiver.export.engine.DuckDb;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * End to end: CSV files → the real materializer process (two runs, the second with late events) →
 * Iceberg → export over REST → the dataset read back and compared with a brute-force oracle over
 * the source events (select view with maxAge, lifetime count and 1-hour sliding sum). Redis is
 * started for the materializer only (the export service does not use it).
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class MaterializedExportTest {
  private static final Instant T0 = Instant.parse("2024-06-01T00:00:00Z");

  @ConfigProperty(name = "quiver.registry-url")
  String registryUrl;

  record Txn(long user, Instant time, Double amount) {}

  private static String objects(String dir) {
    return """
        {"prune": false, "objects": [
         {"kind": "Entity", "name": "user", "joinKeys": [{"name": "user_id", "type": "INT64"}]},
         {"kind": "DataSource", "name": "txns", "type": "FILE", "path": "%s/*.csv",
          "format": "CSV", "timestampField": "event_time",
          "schema": [{"name": "user_id", "type": "INT64"},
                     {"name": "event_time", "type": "TIMESTAMP"},
                     {"name": "amount", "type": "DOUBLE"}]},
         {"kind": "FeatureView", "name": "last_txn", "entities": ["user"], "source": "txns",
          "maxAge": "2h", "select": {"amount": "amount"},
          "features": [{"name": "amount", "type": "DOUBLE"}]},
         {"kind": "FeatureView", "name": "spend", "entities": ["user"], "source": "txns",
          "aggregations": [
            {"name": "n", "function": "count", "column": "amount", "window": "lifetime"},
            {"name": "total", "function": "sum", "column": "amount", "window": "1h"}]}]}
        """
        .formatted(dir);
  }

  @Test
  void materializedFilesExportToTheOracleValues() throws Exception {
    String p = "m_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    Path dir = Files.createTempDirectory("quiver-e2e-txns");
    given()
        .baseUri(registryUrl)
        .contentType(ContentType.JSON)
        .body(objects(dir.toString()))
        .post("/api/v1/projects/" + p + "/apply")
        .then()
        .statusCode(200);
    Random rnd = new Random(42);
    List<Txn> first = txns(rnd, 200, T0, T0.plus(Duration.ofHours(6)));
    List<Txn> late = txns(rnd, 60, T0, T0.plus(Duration.ofHours(6)));
    Map<String, String> env =
        new HashMap<>(DevStack.shared(EnumSet.of(Component.POSTGRES, Component.REDIS)).toEnv());
    env.put("QUIVER_REGISTRY_URL", registryUrl);
    env.put("QUIVER_SCHEDULER_ENABLED", "false");
    try (ServiceProcess materializer = ServiceProcess.start("materializer", env)) {
      csv(dir.resolve("a.csv"), first);
      materialize(materializer, p, "last_txn");
      materialize(materializer, p, "spend");
      csv(dir.resolve("b.csv"), late);
      materialize(materializer, p, "last_txn");
      materialize(materializer, p, "spend");
    }
    List<Txn> all = new ArrayList<>(first);
    all.addAll(late);
    List<long[]> entities = new ArrayList<>();
    StringBuilder rows = new StringBuilder("[");
    for (int i = 0; i < 150; i++) {
      long user = rnd.nextInt(7);
      long minute = rnd.nextInt(7 * 60);
      entities.add(new long[] {user, minute});
      rows.append(i == 0 ? "" : ",")
          .append("{\"user_id\": ")
          .append(user)
          .append(", \"event_timestamp\": \"")
          .append(T0.plus(Duration.ofMinutes(minute)))
          .append("\"}");
    }
    String body =
        "{\"features\": [\"spend:total\", \"last_txn:amount\", \"spend:n\"],"
            + " \"entities\": {\"rows\": "
            + rows
            + "]}, \"format\": \"parquet\"}";
    JsonPath job = ExportJobs.submitAndWait(p, body);

    List<List<Object>> out = read(Path.of(URI.create(job.getString("outputUri"))));
    for (int i = 0; i < entities.size(); i++) {
      long user = entities.get(i)[0];
      Instant t = T0.plus(Duration.ofMinutes(entities.get(i)[1]));
      List<Object> expected = new ArrayList<>();
      expected.add(sum(all, user, t));
      expected.add(last(all, user, t));
      expected.add(count(all, user, t));
      assertThat(out.get(i)).as("row %d: user %d at %s", i, user, t).isEqualTo(expected);
    }
  }

  /** Newest event by t within maxAge 2h (created = event time: no created field declared). */
  private static Object last(List<Txn> all, long user, Instant t) {
    Txn best = null;
    for (Txn x : all) {
      if (x.user() == user
          && !x.time().isAfter(t)
          && x.time().isAfter(t.minus(Duration.ofHours(2)))
          && (best == null || x.time().isAfter(best.time()))) {
        best = x;
      }
    }
    return best == null ? null : best.amount();
  }

  private static Object count(List<Txn> all, long user, Instant t) {
    long n =
        all.stream()
            .filter(x -> x.user() == user && !x.time().isAfter(t) && x.amount() != null)
            .count();
    return n == 0 ? null : n;
  }

  /** Sum over [floor_5m(t − 1h), t]. */
  private static Object sum(List<Txn> all, long user, Instant t) {
    long hop = 300;
    Instant start =
        Instant.ofEpochSecond(
            Math.floorDiv(t.minus(Duration.ofHours(1)).getEpochSecond(), hop) * hop);
    double s = 0;
    int n = 0;
    for (Txn x : all) {
      if (x.user() == user
          && !x.time().isAfter(t)
          && !x.time().isBefore(start)
          && x.amount() != null) {
        s += x.amount();
        n++;
      }
    }
    return n == 0 ? null : s;
  }

  /** Distinct times per user so the select view has no full ties; whole-number amounts. */
  private static List<Txn> txns(Random rnd, int n, Instant from, Instant to) {
    List<Txn> txns = new ArrayList<>();
    long span = Duration.between(from, to).getSeconds();
    for (int i = 0; i < n; i++) {
      Instant time = from.plusSeconds(rnd.nextLong(span)).plusNanos(1000L * rnd.nextInt(1_000_000));
      Double amount = rnd.nextInt(8) == 0 ? null : (double) rnd.nextInt(50);
      txns.add(new Txn(rnd.nextInt(6), time, amount));
    }
    return txns;
  }

  private static void csv(Path file, List<Txn> txns) throws Exception {
    StringBuilder b = new StringBuilder("user_id,event_time,amount\n");
    for (Txn x : txns) {
      b.append(x.user()).append(',').append(x.time()).append(',');
      b.append(x.amount() == null ? "" : x.amount()).append('\n');
    }
    Files.writeString(file, b);
  }

  private static void materialize(ServiceProcess m, String p, String view) {
    String base = "/api/v1/projects/" + p + "/feature-views/" + view + "/materializations";
    String id =
        given()
            .baseUri(m.url().toString())
            .contentType(ContentType.JSON)
            .body("{\"mode\": \"incremental\"}")
            .post(base)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                !given()
                    .baseUri(m.url().toString())
                    .get(base + "/" + id)
                    .path("status")
                    .toString()
                    .matches("QUEUED|RUNNING"));
    JsonPath run = given().baseUri(m.url().toString()).get(base + "/" + id).jsonPath();
    assertThat(run.getString("status")).as(run.prettify()).isEqualTo("SUCCEEDED");
  }

  private static List<List<Object>> read(Path file) throws Exception {
    try (Connection c = DuckDb.inMemory();
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT spend__total, last_txn__amount, spend__n FROM read_parquet('"
                    + file
                    + "')")) {
      List<List<Object>> rows = new ArrayList<>();
      while (r.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
          row.add(r.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
