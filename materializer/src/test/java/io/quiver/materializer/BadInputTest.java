package io.quiver.materializer;

import static io.quiver.materializer.TestData.UserEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.iceberg.catalog.TableIdentifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Bad input fails the run with a clear error, leaves the progress where it was and writes nothing
 * to the feature table: the next run, once the input is fixed, picks the same files up.
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class BadInputTest {
  @ConfigProperty(name = "quiver.registry-url")
  String registry;

  @Inject IcebergOfflineStore offline;
  @Inject AgroalDataSource db;

  @Test
  void corruptParquetFailsTheRunAndKeepsTheProgress() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    TestData.writeParquet(dir.resolve("a.parquet"), events(50, 1));
    assertThat(run(project).get("status")).isEqualTo("SUCCEEDED");
    int snapshots = snapshots(TableNames.feature(project, "user_features", 1));

    Files.write(dir.resolve("b.parquet"), "PAR1 this is not parquet at all".getBytes());
    Map<String, Object> failed = run(project);

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat((String) failed.get("error")).contains("b.parquet").contains("not readable Parquet");
    assertThat(snapshots(TableNames.feature(project, "user_features", 1))).isEqualTo(snapshots);
    assertThat(filesSeen(project)).isEqualTo(1);

    Files.delete(dir.resolve("b.parquet"));
    TestData.writeParquet(dir.resolve("b.parquet"), events(30, 2));
    Map<String, Object> fixed = run(project);
    assertThat(fixed.get("status")).isEqualTo("SUCCEEDED");
    assertThat(((Number) fixed.get("rowsRead")).longValue()).isEqualTo(30);
  }

  @Test
  void csvRowWithAWrongTypeFailsTheRunNamingTheColumnAndIsDeadLettered() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "CSV");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lines.add((i % 5 + 1) + ",2024-03-01T0" + (i % 10) + ":00:00Z,click," + (i * 1.5));
    }
    lines.add("3,2024-03-01T05:30:00Z,click,twelve");
    TestData.writeCsv(
        dir.resolve("e.csv"),
        "user_id,event_time,event_type,session_duration,extra",
        lines.stream().map(l -> l + ",x").toList());

    Map<String, Object> failed = run(project);

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat((String) failed.get("error"))
        .contains("1 of 21 source rows rejected")
        .contains("e.csv:22")
        .contains("session_duration");
    assertThat(((Number) failed.get("rowsRejected")).longValue()).isEqualTo(1);
    assertThat(deadLetters(project)).singleElement().asString().contains("session_duration");
    assertThat(offline.catalog().tableExists(TableNames.feature(project, "user_features", 1)))
        .isFalse();
    assertThat(filesSeen(project)).isZero();
  }

  @Test
  void missingColumnFailsTheRunNamingIt() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "CSV");
    TestData.writeCsv(
        dir.resolve("e.csv"),
        "user_id,event_time,event_type",
        List.of("1,2024-03-01T00:00:00Z,click"));

    Map<String, Object> failed = run(project);

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat((String) failed.get("error")).contains("has no column 'session_duration'");
    assertThat(filesSeen(project)).isZero();
    assertThat(offline.catalog().tableExists(TableNames.feature(project, "user_features", 1)))
        .isFalse();
  }

  @Test
  void failedErrorExpectationQuarantinesTheBatchAndWritesNoFeatures() throws Exception {
    String project = TestData.project();
    Path dir = TestData.userFeaturesProject(registry, project, "PARQUET");
    List<UserEvent> events = new ArrayList<>();
    for (UserEvent e : events(40, 3)) {
      events.add(
          new UserEvent(
              e.userId(), e.eventTime(), e.eventType(), events.size() % 2 == 0 ? null : 1.0));
    }
    TestData.writeParquet(dir.resolve("a.parquet"), events);

    Map<String, Object> failed = run(project);

    assertThat(failed.get("status")).isEqualTo("FAILED");
    assertThat((String) failed.get("error")).contains("quality gate").contains("session_duration");
    assertThat(failed.get("quality").toString()).contains("completeness");
    assertThat(offline.scan(TableNames.quarantine(project, "user_features"), null)).hasSize(40);
    assertThat(offline.catalog().tableExists(TableNames.feature(project, "user_features", 1)))
        .isFalse();
    assertThat(filesSeen(project)).isZero();
  }

  private static List<UserEvent> events(int n, long seed) {
    return UserFeaturesOracle.events(
        new Random(seed), n, UserFeaturesMaterializationTest.T0, Duration.ofDays(1));
  }

  private static Map<String, Object> run(String project) {
    return TestData.materialize(project, "user_features", "{\"mode\":\"incremental\"}");
  }

  private int snapshots(TableIdentifier id) {
    List<Object> all = new ArrayList<>();
    offline.catalog().loadTable(id).snapshots().forEach(all::add);
    return all.size();
  }

  private long filesSeen(String project) throws Exception {
    return count("SELECT count(*) FROM materializer.files_seen WHERE project = ?", project);
  }

  private List<String> deadLetters(String project) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT reason FROM materializer.dead_letters WHERE project = ?")) {
      s.setString(1, project);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  private long count(String sql, String arg) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, arg);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
