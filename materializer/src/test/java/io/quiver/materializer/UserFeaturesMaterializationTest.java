package io.quiver.materializer;

import static io.quiver.materializer.TestData.UserEvent;
import static io.quiver.materializer.UserFeaturesOracle.events;
import static io.quiver.materializer.UserFeaturesOracle.oracle;
import static io.quiver.materializer.UserFeaturesOracle.rounded;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The seed's user_features from user_events Parquet files, two incremental runs with new and late
 * events (and an exact duplicate) between them: Redis and Iceberg must hold exactly what a
 * brute-force computation over all distinct events gives.
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class UserFeaturesMaterializationTest {
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");

  @ConfigProperty(name = "quiver.registry-url")
  String registry;

  @Inject Redis redis;
  @Inject IcebergOfflineStore offline;

  @Test
  void twoRunsWithNewAndLateEventsMatchBruteForce() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    Random random = new Random(42);
    List<UserEvent> first = events(random, 400, T0, Duration.ofDays(2));
    TestData.writeParquet(dir.resolve("part-1.parquet"), first);

    Map<String, Object> run1 =
        TestData.materialize(project, "user_features", "{\"mode\":\"incremental\"}");
    assertThat(run1.get("status")).as("run 1: %s", run1).isEqualTo("SUCCEEDED");
    assertThat(((Number) run1.get("rowsRead")).longValue()).isEqualTo(400);

    List<UserEvent> second =
        new ArrayList<>(events(random, 200, T0.plus(Duration.ofDays(2)), Duration.ofDays(1)));
    second.addAll(events(random, 60, T0, Duration.ofDays(2))); // late: in hops run 1 wrote
    second.add(first.get(7)); // an exact duplicate of an event already materialized
    TestData.writeParquet(dir.resolve("part-2.parquet"), second);

    Map<String, Object> run2 = TestData.materialize(project, "user_features", "{}");
    assertThat(run2.get("status")).as("run 2: %s", run2).isEqualTo("SUCCEEDED");
    assertThat(((Number) run2.get("rowsRead")).longValue()).isEqualTo(261);

    List<UserEvent> all = new ArrayList<>(first);
    all.addAll(second);
    Map<Long, UserFeaturesOracle.Expected> expected = oracle(all);
    assertThat(UserFeaturesStores.redisValues(redis, project)).isEqualTo(rounded(expected));
    assertThat(UserFeaturesStores.icebergValues(offline, project)).isEqualTo(rounded(expected));
    assertCuratedHoldsEachDistinctEventOnce(project, all);

    Map<String, Object> run3 = TestData.materialize(project, "user_features", "{}");
    assertThat(run3.get("status")).isEqualTo("SUCCEEDED");
    assertThat(((Number) run3.get("rowsRead")).longValue()).isZero();
    assertThat(UserFeaturesStores.redisValues(redis, project)).isEqualTo(rounded(expected));
  }

  private void assertCuratedHoldsEachDistinctEventOnce(String project, List<UserEvent> all) {
    List<Map<String, Object>> rows = offline.scan(TableNames.curated(project, "user_events"), null);
    Set<List<Object>> distinct = new HashSet<>();
    for (Map<String, Object> r : rows) {
      assertThat(distinct.add(List.copyOf(r.entrySet())))
          .as("duplicate curated row %s", r)
          .isTrue();
    }
    assertThat(rows).hasSize(new HashSet<>(all).size());
  }
}
