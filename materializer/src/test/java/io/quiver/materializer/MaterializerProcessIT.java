package io.quiver.materializer;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.online.TileCodec;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.ServiceProcess;
import io.quiver.devstack.StackEndpoints;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged materializer as child JVMs: killed mid-run (Runtime.halt at a named point, as kill
 * -9) and restarted, it ends in the state an uninterrupted run gives; two replicas never run one
 * view at the same time.
 */
class MaterializerProcessIT {
  private static StackEndpoints stack;
  private static String registry;
  private static Vertx vertx;
  private static Redis redis;

  @BeforeAll
  static void start() {
    stack = DevStack.shared(EnumSet.of(Component.POSTGRES, Component.REDIS));
    registry = ServiceProcess.shared("registry", stack.toEnv()).toString();
    vertx = Vertx.vertx();
    redis = Redis.createClient(vertx, stack.redisUrl());
  }

  @AfterAll
  static void stop() {
    redis.close();
    vertx.close();
  }

  private static ServiceProcess materializer(String... env) {
    Map<String, String> all = new HashMap<>(stack.toEnv());
    all.put("QUIVER_REGISTRY_URL", registry);
    all.put("QUIVER_SCHEDULER_ENABLED", "false");
    all.put("QUIVER_RUNS_BACKOFF", "100ms");
    for (int i = 0; i < env.length; i += 2) {
      all.put(env[i], env[i + 1]);
    }
    return ServiceProcess.start("materializer", all);
  }

  @Test
  void killedBetweenIcebergCommitAndRedisWriteThenRestartedEndsAsIfUninterrupted()
      throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    List<TestData.UserEvent> events =
        UserFeaturesOracle.events(
            new Random(7), 300, UserFeaturesMaterializationTest.T0, Duration.ofDays(2));
    TestData.writeParquet(dir.resolve("a.parquet"), events);

    try (ServiceProcess doomed = materializer("QUIVER_TEST_HALT_AT", "after-iceberg-commit")) {
      post(doomed, project);
      assertThat(doomed.handle().onExit().get(120, TimeUnit.SECONDS).isAlive()).isFalse();
    }
    assertThat(snapshots(project)).as("the Iceberg commit happened before the crash").isEqualTo(1);
    assertThat(redisValues(project)).as("Redis was never written").isEmpty();

    try (ServiceProcess restarted = materializer()) {
      runToSuccess(restarted, project);
    }
    assertThat(snapshots(project))
        .as("the re-run's append was recognised by its batch id")
        .isEqualTo(1);
    assertThat(redisValues(project))
        .isEqualTo(UserFeaturesOracle.rounded(UserFeaturesOracle.oracle(events)));
  }

  @Test
  void runOverItsRowBudgetIsMaterializedInSubBatchesAndMatchesBruteForce() throws Exception {
    String project = TestData.project();
    List<TestData.UserEvent> all = fiveOverlappingFiles(project, new Random(23));

    try (ServiceProcess m = materializer("QUIVER_RUNS_BATCH_ROWS", "200")) {
      Map<String, Object> run = runToSuccess(m, project);
      assertThat(((Number) run.get("rowsRead")).longValue()).isEqualTo(all.size());
    }
    assertThat(snapshots(project))
        .as("five files of ~120 rows, sub-batches closed at the first file past 200 rows")
        .isEqualTo(3);
    assertMatchesBruteForce(project, all);
  }

  @Test
  void killedInTheSecondSubBatchThenRestartedEndsAsIfUninterrupted() throws Exception {
    String project = TestData.project();
    List<TestData.UserEvent> all = fiveOverlappingFiles(project, new Random(29));

    try (ServiceProcess doomed =
        materializer(
            "QUIVER_RUNS_BATCH_ROWS", "200", "QUIVER_TEST_HALT_AT", "after-iceberg-commit#2")) {
      post(doomed, project);
      assertThat(doomed.handle().onExit().get(120, TimeUnit.SECONDS).isAlive()).isFalse();
    }
    assertThat(snapshots(project)).as("sub-batches 1 and 2 committed to Iceberg").isEqualTo(2);

    try (ServiceProcess restarted = materializer("QUIVER_RUNS_BATCH_ROWS", "200")) {
      runToSuccess(restarted, project);
    }
    assertThat(snapshots(project))
        .as("the pending sub-batch was recognised by its batch id, the last one appended")
        .isEqualTo(3);
    assertMatchesBruteForce(project, all);
  }

  /**
   * Five files over the same two days (so later sub-batches recompute tiles earlier ones wrote),
   * each after the first with an exact duplicate of an event of an earlier file.
   */
  private static List<TestData.UserEvent> fiveOverlappingFiles(String project, Random random)
      throws Exception {
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    List<TestData.UserEvent> all = new ArrayList<>();
    for (int f = 0; f < 5; f++) {
      List<TestData.UserEvent> events =
          new ArrayList<>(
              UserFeaturesOracle.events(
                  random, 120, UserFeaturesMaterializationTest.T0, Duration.ofDays(2)));
      if (f > 0) {
        events.add(all.get(random.nextInt(all.size())));
      }
      TestData.writeParquet(dir.resolve("part-" + f + ".parquet"), events);
      all.addAll(events);
    }
    return all;
  }

  private static void assertMatchesBruteForce(String project, List<TestData.UserEvent> all)
      throws Exception {
    Map<Long, UserFeaturesOracle.Expected> expected =
        UserFeaturesOracle.rounded(UserFeaturesOracle.oracle(all));
    assertThat(redisValues(project)).isEqualTo(expected);
    try (IcebergOfflineStore offline =
        IcebergOfflineStore.open(stack.catalog().withCredentials(), stack.warehouse())) {
      assertThat(UserFeaturesStores.icebergValues(offline, project)).isEqualTo(expected);
    }
  }

  @Test
  void twoReplicasNeverRunOneViewAtOnce() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    Random random = new Random(11);
    TestData.writeParquet(
        dir.resolve("a.parquet"),
        UserFeaturesOracle.events(
            random, 2000, UserFeaturesMaterializationTest.T0, Duration.ofDays(3)));

    try (ServiceProcess a = materializer();
        ServiceProcess b = materializer()) {
      List<String> urls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        urls.add(a.url() + runPath(project) + "/" + post(a, project));
        urls.add(b.url() + runPath(project) + "/" + post(b, project));
      }
      List<Map<String, Object>> runs = new ArrayList<>();
      for (String url : urls) {
        runs.add(TestData.awaitRun(url));
      }
      assertThat(runs).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("SUCCEEDED"));
      assertThat(runs.stream().map(r -> r.get("worker")).distinct()).hasSize(2);
      runs.sort((x, y) -> start(x).compareTo(start(y)));
      for (int i = 1; i < runs.size(); i++) {
        assertThat(start(runs.get(i)))
            .as("run %d starts after run %d ended", i, i - 1)
            .isAfterOrEqualTo(end(runs.get(i - 1)));
      }
      assertThat(runs.stream().mapToLong(r -> ((Number) r.get("rowsRead")).longValue()).sum())
          .as("the file was materialized once")
          .isEqualTo(2000);
    }
  }

  private static Instant start(Map<String, Object> run) {
    return Instant.parse((String) run.get("startedAt"));
  }

  private static Instant end(Map<String, Object> run) {
    return Instant.parse((String) run.get("finishedAt"));
  }

  /** Starts an incremental run, waits for it and asserts it succeeded; returns its status. */
  private static Map<String, Object> runToSuccess(ServiceProcess m, String project)
      throws Exception {
    Map<String, Object> run =
        TestData.awaitRun(m.url() + runPath(project) + "/" + post(m, project));
    assertThat(run.get("status")).as("%s", run).isEqualTo("SUCCEEDED");
    return run;
  }

  private static String runPath(String project) {
    return "/api/v1/projects/" + project + "/feature-views/user_features/materializations";
  }

  private static String post(ServiceProcess m, String project) {
    return RestAssured.given()
        .baseUri(m.url().toString())
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"incremental\"}")
        .post(runPath(project))
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  private static int snapshots(String project) {
    try (IcebergOfflineStore offline =
        IcebergOfflineStore.open(stack.catalog().withCredentials(), stack.warehouse())) {
      List<Object> all = new ArrayList<>();
      offline
          .catalog()
          .loadTable(TableNames.feature(project, "user_features", 1))
          .snapshots()
          .forEach(all::add);
      return all.size();
    }
  }

  private static Map<Long, UserFeaturesOracle.Expected> redisValues(String project)
      throws Exception {
    Map<Long, UserFeaturesOracle.Expected> out = new TreeMap<>();
    for (long user = 1; user <= 25; user++) {
      Response hash =
          redis
              .send(Request.cmd(Command.HGETALL).arg(UserFeaturesStores.key(project, user)))
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      if (hash == null || hash.getKeys().isEmpty()) {
        continue;
      }
      List<List<PartialAggregate>> tiles = new ArrayList<>();
      for (String field : hash.getKeys()) {
        var tile = TileCodec.decode(field.getBytes(), hash.get(field).toBytes());
        tiles.add(TilePayloadCodec.decode(tile.payload(), UserFeaturesStores.AGGREGATORS));
      }
      out.put(user, UserFeaturesStores.merge(tiles));
    }
    return UserFeaturesOracle.rounded(out);
  }
}
