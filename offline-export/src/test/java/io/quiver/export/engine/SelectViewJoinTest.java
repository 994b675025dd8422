package io.quiver.export.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.export.engine.SelectPointInTimeOracleTest.FeatureRow;
import io.quiver.export.engine.SelectPointInTimeOracleTest.View;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AUTO's choice per view: keys with many entity rows and many feature rows go to the running max,
 * the rest to the candidate join, and the combined rows still follow the rule (checked against the
 * oracle of {@link SelectPointInTimeOracleTest}); hot keys with few pairs stay in the candidate
 * join.
 */
class SelectViewJoinTest {
  private static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");
  private final IcebergOfflineStore store = EngineFixture.store();

  @ParameterizedTest(name = "leakage guard {0}")
  @ValueSource(booleans = {true, false})
  void autoSplitsOffAKeyWithManyEntityAndFeatureRows(boolean guard) throws Exception {
    Random rnd = new Random(guard ? 1 : 2);
    List<FeatureRow> history = new ArrayList<>();
    List<long[]> entities = new ArrayList<>(); // {user, minutes after BASE}
    for (long user = 0; user < 40; user++) {
      boolean hot = user == 0;
      for (int i = 0; i < (hot ? 60 : 3); i++) {
        history.add(row(rnd, user));
      }
      for (int i = 0; i < (hot ? 30 : 1 + rnd.nextInt(4)); i++) {
        entities.add(new long[] {user, rnd.nextInt(5 * 60)});
      }
    }
    View view = new View("clicks", "user_id", Duration.ofMinutes(40), history);

    assertThat(joinAndCheck(view, entities, guard)).isEqualTo(SelectViewJoin.Plan.SPLIT);
  }

  @ParameterizedTest(name = "leakage guard {0}")
  @ValueSource(booleans = {true, false})
  void autoKeepsHotKeysWithFewPairsInTheCandidateJoin(boolean guard) throws Exception {
    Random rnd = new Random(3);
    List<FeatureRow> history = new ArrayList<>();
    List<long[]> entities = new ArrayList<>();
    for (long user = 0; user < 40; user++) {
      history.add(row(rnd, user));
      for (int i = 0; i < (user == 0 ? 9 : 1); i++) {
        entities.add(new long[] {user, rnd.nextInt(5 * 60)});
      }
    }
    View view = new View("clicks", "user_id", null, history);

    assertThat(joinAndCheck(view, entities, guard)).isEqualTo(SelectViewJoin.Plan.CANDIDATE_JOIN);
  }

  /** Joins with AUTO, checks every entity row against the oracle, returns the plan taken. */
  private SelectViewJoin.Plan joinAndCheck(View view, List<long[]> entities, boolean guard)
      throws IOException, SQLException {
    ViewRead read = write(view);
    PointInTimeQuery q =
        new PointInTimeQuery(
            entityFile(entities), EntityFormat.CSV, List.of(read), List.of("clicks__count"), guard);
    try (Connection c = DuckDb.inMemory();
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      EntityTable.load(c, q);
      SelectViewJoin.Plan plan =
          new SelectViewJoin(c, SelectStrategy.AUTO).create("v", read, guard, EntityTimes.of(c));
      List<Object[]> rows = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "SELECT e.__row, v.clicks__count FROM entities e LEFT JOIN v USING (__row)"
                  + " ORDER BY e.__row")) {
        while (r.next()) {
          rows.add(new Object[] {r.getObject(1), r.getObject(2)});
        }
      }
      for (int i = 0; i < entities.size(); i++) {
        long[] e = entities.get(i);
        FeatureRow best =
            SelectPointInTimeOracleTest.oracle(
                view, e[0], BASE.plus(Duration.ofMinutes(e[1])), guard);
        assertThat(rows.get(i))
            .as("%s, plan %s, entity row %d %s", view.name(), plan, i, Arrays.toString(e))
            .containsExactly((long) i, best == null ? null : best.count());
      }
      return plan;
    }
  }

  /** Event times on a 5-minute grid (ties), created at the event or up to 3 hours later. */
  private static FeatureRow row(Random rnd, long user) {
    Instant event = BASE.plus(Duration.ofMinutes(5L * rnd.nextInt(60)));
    Instant created =
        rnd.nextBoolean() ? event : event.plus(Duration.ofMinutes(1 + rnd.nextInt(180)));
    Long count = rnd.nextInt(6) == 0 ? null : (long) rnd.nextInt(4);
    return new FeatureRow(user, event, created, count, null);
  }

  private ViewRead write(View v) {
    FeatureTableSpec spec =
        FeatureTableSpec.select(
            EngineFixture.newProject(),
            v.name(),
            1,
            List.of(Column.of(v.key(), ValueType.INT64)),
            List.of(Column.of("count", ValueType.INT64), Column.of("label", ValueType.STRING)));
    List<Object[]> rows = new ArrayList<>();
    for (FeatureRow r : v.rows()) {
      rows.add(new Object[] {r.key(), r.event(), r.created(), r.count(), r.label()});
    }
    store.append(spec, "b1", rows);
    return new ViewRead(
        v.name(),
        List.of(new Field(v.key(), ValueType.INT64)),
        v.maxAge(),
        store.plan(spec.identifier(), null),
        null,
        List.of(new FeatureRead("count", v.name() + "__count", ValueType.INT64, null)));
  }

  private static Path entityFile(List<long[]> rows) throws IOException {
    StringBuilder b = new StringBuilder("user_id,event_timestamp\n");
    for (long[] r : rows) {
      b.append(r[0]).append(',').append(BASE.plus(Duration.ofMinutes(r[1]))).append('\n');
    }
    Path f = EngineFixture.tempDir("split").resolve("entities.csv");
    Files.writeString(f, b);
    return f;
  }
}
