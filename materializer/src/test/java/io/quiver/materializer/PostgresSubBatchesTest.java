package io.quiver.materializer;

import static io.quiver.materializer.UserFeaturesOracle.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.offline.TableNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The POSTGRES scenarios of {@link PostgresSourceMaterializationTest} again (inherited), with
 * sub-batches of 100 rows: new, late and corrected rows over several sub-batches must still match
 * the brute force. And a run cut into sub-batches between positions, never inside one.
 */
@QuarkusTest
@TestProfile(PostgresSubBatchesTest.HundredRows.class)
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class PostgresSubBatchesTest extends PostgresSourceMaterializationTest {
  public static class HundredRows implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quiver.runs.batch-rows", "100");
    }
  }

  @Test
  void aRunIsCutIntoSubBatchesBetweenPositionsAndMatchesBruteForce() throws Exception {
    String project = TestData.project();
    String table = "app.user_events";
    createTable(table, true);
    apply(project, table, CREDENTIALS, false);
    Random random = new Random(13);
    List<Row> rows = new ArrayList<>(created(events(random, 250, T0, Duration.ofDays(2)), random));
    rows.sort(Comparator.comparing(Row::created));
    Instant tie = rows.get(104).created(); // the 96th to 105th rows share one position
    for (int i = 95; i < 104; i++) {
      rows.set(i, new Row(rows.get(i).event(), tie));
    }
    insert(table, rows);

    Map<String, Object> run = TestData.materialize(project, "user_features", "{}");

    assertThat(run.get("status")).as("run: %s", run).isEqualTo("SUCCEEDED");
    assertThat(((Number) run.get("rowsRead")).longValue()).isEqualTo(250);
    List<Object> snapshots = new ArrayList<>();
    offline
        .catalog()
        .loadTable(TableNames.feature(project, "user_features", 1))
        .snapshots()
        .forEach(snapshots::add);
    assertThat(snapshots)
        .as("sub-batches of 105 rows (the tied position whole), 100 and 45")
        .hasSize(3);
    assertThat(watermark(project, "user_features")).contains(greatestCreated(rows));
    assertStoresMatchOracle(project, rows);
  }
}
