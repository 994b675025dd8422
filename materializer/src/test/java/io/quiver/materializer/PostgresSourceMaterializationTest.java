package io.quiver.materializer;

import static io.quiver.materializer.UserFeaturesOracle.events;
import static io.quiver.materializer.UserFeaturesOracle.oracleOverEach;
import static io.quiver.materializer.UserFeaturesOracle.rounded;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.materializer.TestData.UserEvent;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TableNames;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The seed's user_features from a real PostgreSQL table {@code app.user_events} (the devstack's),
 * read incrementally on {@code created_at} from the watermark minus the allowed lateness: two runs
 * with new rows, rows committed late (created before the watermark, inside the lateness) and a
 * correction created later; Redis and Iceberg equal the brute-force oracle over the distinct rows,
 * nothing twice in the curated zone or a select view's table; and bad input leaves the watermark.
 */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class PostgresSourceMaterializationTest {
  static final Instant T0 = Instant.parse("2024-03-01T00:00:00Z");
  static final String CREDENTIALS = "quiver_test_pg_credentials";

  @ConfigProperty(name = "quiver.registry-url")
  String registry;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.datasource.password")
  String password;

  @Inject AgroalDataSource db;
  @Inject Redis redis;
  @Inject IcebergOfflineStore offline;

  /** A user_events row with its created time. */
  record Row(UserEvent event, Instant created) {}

  @Test
  void twoRunsWithNewLateAndCorrectedRowsMatchBruteForce() throws Exception {
    String project = TestData.project();
    String table = "app.user_events";
    createTable(table, true);
    apply(project, table, CREDENTIALS, true);
    Random random = new Random(11);
    List<Row> first = created(events(random, 400, T0, Duration.ofDays(2)), random);
    insert(table, first);

    Map<String, Object> run1 = TestData.materialize(project, "user_features", "{}");
    assertThat(run1.get("status")).as("run 1: %s", run1).isEqualTo("SUCCEEDED");
    assertThat(((Number) run1.get("rowsRead")).longValue()).isEqualTo(400);
    Instant watermark1 = greatestCreated(first);
    assertThat(watermark(project, "user_features")).contains(watermark1);

    List<Row> second =
        new ArrayList<>(
            created(events(random, 200, T0.plus(Duration.ofDays(2)), Duration.ofDays(1)), random));
    for (UserEvent e : events(random, 40, T0, Duration.ofDays(2))) { // committed late
      Instant created = watermark1.minus(Duration.ofMinutes(1 + random.nextInt(100)));
      second.add(new Row(e, created));
    }
    UserEvent original = first.get(7).event();
    second.add(
        new Row(
            new UserEvent(original.userId(), original.eventTime(), "correction", 123.4),
            watermark1.plus(Duration.ofHours(1)))); // a correction, created later
    insert(table, second);

    Map<String, Object> run2 = TestData.materialize(project, "user_features", "{}");
    assertThat(run2.get("status")).as("run 2: %s", run2).isEqualTo("SUCCEEDED");
    List<Row> all = new ArrayList<>(first);
    all.addAll(second);
    assertThat(watermark(project, "user_features")).contains(greatestCreated(all));
    assertStoresMatchOracle(project, all);

    Map<String, Object> run3 = TestData.materialize(project, "user_features", "{}");
    assertThat(run3.get("status")).as("run 3: %s", run3).isEqualTo("SUCCEEDED");
    assertStoresMatchOracle(project, all);

    for (int run = 1; run <= 3; run++) {
      Map<String, Object> select = TestData.materialize(project, "user_sessions", "{}");
      assertThat(select.get("status")).as("select run: %s", select).isEqualTo("SUCCEEDED");
    }
    List<Map<String, Object>> selected =
        offline.scan(TableNames.feature(project, "user_sessions", 1), null);
    assertThat(selected).as("every row once in the select view's table").hasSize(all.size());
    assertThat(new HashSet<>(selected)).hasSize(all.size());
  }

  @Test
  void missingColumnFailsTheRunNamingItAndKeepsTheWatermark() throws Exception {
    String project = TestData.project();
    String table = "app.user_events_" + project;
    createTable(table, true);
    apply(project, table, CREDENTIALS, false);
    Random random = new Random(5);
    List<Row> rows = created(events(random, 50, T0, Duration.ofDays(1)), random);
    insert(table, rows);
    assertThat(TestData.materialize(project, "user_features", "{}").get("status"))
        .isEqualTo("SUCCEEDED");

    execute("ALTER TABLE " + table + " DROP COLUMN session_duration");
    execute(
        "INSERT INTO "
            + table
            + " (user_id, event_time, event_type, created_at) VALUES (1, '2024-03-03T00:00:00Z',"
            + " 'click', '2024-03-03T00:00:01Z')");
    Map<String, Object> run = TestData.materialize(project, "user_features", "{}");
    assertThat(run.get("status")).isEqualTo("FAILED");
    assertThat((String) run.get("error")).contains("session_duration").contains(table);
    assertThat(watermark(project, "user_features")).contains(greatestCreated(rows));
  }

  @Test
  void unsetCredentialsRefFailsNamingItWithoutAPassword() throws Exception {
    String project = TestData.project();
    String table = "app.user_events_" + project;
    createTable(table, true);
    apply(project, table, "QUIVER_TEST_UNSET_CREDENTIALS", false);
    insert(table, created(events(new Random(3), 5, T0, Duration.ofDays(1)), new Random(4)));

    Map<String, Object> run = TestData.materialize(project, "user_features", "{}");
    assertThat(run.get("status")).isEqualTo("FAILED");
    assertThat((String) run.get("error"))
        .contains("QUIVER_TEST_UNSET_CREDENTIALS")
        .doesNotContain(password);
    assertThat(watermark(project, "user_features")).isEmpty();
  }

  void assertStoresMatchOracle(String project, List<Row> all) throws Exception {
    List<UserEvent> distinct = new LinkedHashSet<>(all).stream().map(Row::event).toList();
    var expected = rounded(oracleOverEach(distinct));
    assertThat(UserFeaturesStores.redisValues(redis, project)).isEqualTo(expected);
    assertThat(UserFeaturesStores.icebergValues(offline, project)).isEqualTo(expected);
    List<Map<String, Object>> curated =
        offline.scan(TableNames.curated(project, "user_events"), null);
    Set<Map<String, Object>> once = new HashSet<>(curated);
    assertThat(curated).as("no curated row twice").hasSize(once.size());
    assertThat(curated).hasSize(new HashSet<>(all).size());
  }

  /** Created a few seconds to minutes after the event, microsecond precision. */
  static List<Row> created(List<UserEvent> events, Random r) {
    return events.stream()
        .map(e -> new Row(e, e.eventTime().plusNanos((1 + r.nextInt(600_000_000)) * 1000L)))
        .toList();
  }

  static Instant greatestCreated(List<Row> rows) {
    return rows.stream().map(Row::created).max(Instant::compareTo).orElseThrow();
  }

  void apply(String project, String table, String credentialsRef, boolean select) {
    String source =
        """
        {"kind": "DataSource", "name": "user_events", "type": "POSTGRES",
         "jdbcUrl": "%s", "table": "%s", "credentialsRef": "%s",
         "timestampField": "event_time", "createdTimestampField": "created_at",
         "allowedLateness": "2h",
         "schema": [{"name": "user_id", "type": "INT64"},
                    {"name": "event_time", "type": "TIMESTAMP"},
                    {"name": "event_type", "type": "STRING"},
                    {"name": "session_duration", "type": "DOUBLE"},
                    {"name": "created_at", "type": "TIMESTAMP"}]}"""
            .formatted(jdbcUrl, table, credentialsRef);
    String sessions =
        """
        {"kind": "FeatureView", "name": "user_sessions", "entities": ["user"],
         "source": "user_events", "schedule": "@hourly",
         "select": {"session_duration": "session_duration", "event_type": "event_type"},
         "features": [{"name": "session_duration", "type": "DOUBLE"},
                      {"name": "event_type", "type": "STRING"}]}""";
    List<String> objects =
        new ArrayList<>(List.of(TestData.userEntity(), source, TestData.userFeatures()));
    if (select) {
      objects.add(sessions);
    }
    TestData.apply(registry, project, objects.toArray(String[]::new));
  }

  void createTable(String table, boolean dropFirst) throws Exception {
    execute("CREATE SCHEMA IF NOT EXISTS app");
    if (dropFirst) {
      execute("DROP TABLE IF EXISTS " + table);
    }
    execute(
        "CREATE TABLE "
            + table
            + " (user_id bigint NOT NULL, event_time timestamptz NOT NULL, event_type text,"
            + " session_duration double precision, created_at timestamptz NOT NULL,"
            + " note text)"); // note: an undeclared column, reported and ignored
  }

  void insert(String table, List<Row> rows) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO "
                    + table
                    + " (user_id, event_time, event_type, session_duration, created_at, note)"
                    + " VALUES (?, ?, ?, ?, ?, 'x')")) {
      for (Row r : rows) {
        s.setLong(1, r.event().userId());
        s.setObject(2, r.event().eventTime().atOffset(ZoneOffset.UTC));
        s.setString(3, r.event().eventType());
        s.setObject(4, r.event().sessionDuration());
        s.setObject(5, r.created().atOffset(ZoneOffset.UTC));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  Optional<Instant> watermark(String project, String view) throws Exception {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT watermark FROM materializer.watermarks WHERE project = ? AND view = ?")) {
      s.setString(1, project);
      s.setString(2, view);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
            : Optional.empty();
      }
    }
  }

  private void execute(String sql) throws Exception {
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
