package io.quiver.export.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.offline.Column;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random histories against a brute-force point-in-time join written here: ties on event
 * time, late backfills, rows exactly at t and at t - maxAge, entities without history, duplicate
 * entity rows, null values, full ties with different values, three views (two keys), leakage guard
 * on and off.
 */
class SelectPointInTimeOracleTest {
  private static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");
  private final IcebergOfflineStore store = EngineFixture.store();

  /** One feature row as the oracle sees it: plain values. */
  record FeatureRow(Object key, Instant event, Instant created, Long count, String label) {}

  /** One entity row: user, merchant, t, and a label column of its own. */
  record EntityRow(long user, String merchant, Instant t, int label) {}

  record View(String name, String key, Duration maxAge, List<FeatureRow> rows) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void exportEqualsTheBruteForceJoin(long seed) throws IOException {
    Random rnd = new Random(seed);
    String project = EngineFixture.newProject();
    boolean guard = seed % 3 != 0;
    List<View> views =
        List.of(
            new View("clicks", "user_id", Duration.ofMinutes(30), history(rnd, true)),
            new View("profile", "user_id", null, history(rnd, true)),
            new View("shop", "merchant", Duration.ofHours(1), history(rnd, false)));
    List<ViewRead> reads = new ArrayList<>();
    for (View v : views) {
      reads.add(write(project, v));
    }
    List<EntityRow> entities = entities(rnd, views);
    Path input = entityFile(entities, seed % 2 == 0);
    Path out = EngineFixture.tempDir("out").resolve("part-0.parquet");
    PointInTimeQuery q =
        new PointInTimeQuery(
            input,
            EntityFormat.fromFileName(input.toString()),
            reads,
            List.of(
                "shop__count", "clicks__count", "clicks__label", "profile__label", "shop__label"),
            guard);

    for (SelectStrategy strategy : SelectStrategy.values()) {
      Path file = out.resolveSibling(strategy + ".parquet");
      long n = EngineFixture.engine(strategy).export(q, OutputFormat.PARQUET, file, f -> {});
      assertThat(n).as("seed %d", seed).isEqualTo(entities.size());
      check(seed, strategy, entities, views, guard, file);
    }
  }

  private static void check(
      long seed,
      SelectStrategy strategy,
      List<EntityRow> entities,
      List<View> views,
      boolean guard,
      Path out) {
    List<List<Object>> actual = EngineFixture.rows("SELECT * FROM read_parquet('" + out + "')");
    for (int i = 0; i < entities.size(); i++) {
      EntityRow e = entities.get(i);
      FeatureRow clicks = oracle(views.get(0), e.user(), e.t(), guard);
      FeatureRow profile = oracle(views.get(1), e.user(), e.t(), guard);
      FeatureRow shop = oracle(views.get(2), e.merchant(), e.t(), guard);
      List<Object> expected =
          List.of(
              e.user(),
              e.merchant(),
              e.t(),
              e.label(),
              opt(shop == null ? null : shop.count()),
              opt(clicks == null ? null : clicks.count()),
              opt(clicks == null ? null : clicks.label()),
              opt(profile == null ? null : profile.label()),
              opt(shop == null ? null : shop.label()));
      List<Object> row = new ArrayList<>(actual.get(i));
      row.set(2, ((OffsetDateTime) row.get(2)).toInstant());
      row.set(3, ((Number) row.get(3)).intValue());
      for (int j = 4; j < row.size(); j++) {
        row.set(j, opt(row.get(j)));
      }
      assertThat(row).as("seed %d, %s, entity row %d %s", seed, strategy, i, e).isEqualTo(expected);
    }
  }

  private static Object opt(Object o) {
    return o == null ? "<null>" : o;
  }

  /** SPEC's rule, brute force: visible rows, greatest (event, created), maxAge on the event. */
  static FeatureRow oracle(View v, Object key, Instant t, boolean guard) {
    FeatureRow best = null;
    for (FeatureRow r : v.rows()) {
      boolean visible =
          r.key().equals(key)
              && !r.event().isAfter(t)
              && (!guard || !r.created().isAfter(t))
              && (v.maxAge() == null || r.event().isAfter(t.minus(v.maxAge())));
      if (visible && (best == null || better(r, best))) {
        best = r;
      }
    }
    return best;
  }

  /**
   * Greater (event, created); full ties (same key and times, different values) go to the greater
   * feature values in table order, nulls least: the engine's documented, reproducible choice.
   */
  private static boolean better(FeatureRow r, FeatureRow best) {
    int c = r.event().compareTo(best.event());
    c = c != 0 ? c : r.created().compareTo(best.created());
    c = c != 0 ? c : nullsLeast(r.count(), best.count());
    c = c != 0 ? c : nullsLeast(r.label(), best.label());
    return c > 0;
  }

  private static <T extends Comparable<T>> int nullsLeast(T a, T b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /** Keys 0..5 (user ids, or merchant names m0..m5); times on a coarse grid so ties happen. */
  private static List<FeatureRow> history(Random rnd, boolean numericKey) {
    List<FeatureRow> rows = new ArrayList<>();
    int n = 20 + rnd.nextInt(40);
    for (int i = 0; i < n; i++) {
      int k = rnd.nextInt(6);
      Object key = numericKey ? (Object) (long) k : "m" + k;
      Instant event = BASE.plus(Duration.ofMinutes(5L * rnd.nextInt(48)));
      Instant created =
          switch (rnd.nextInt(4)) {
            case 0, 1 -> event;
            case 2 -> event.plus(Duration.ofMinutes(rnd.nextInt(10)));
            default -> event.plus(Duration.ofHours(1 + rnd.nextInt(3))); // late backfill
          };
      Long count = rnd.nextInt(5) == 0 ? null : (long) rnd.nextInt(1000);
      String label = rnd.nextInt(5) == 0 ? null : "l" + rnd.nextInt(100);
      rows.add(new FeatureRow(key, event, created, count, label));
      if (rnd.nextInt(10) == 0) {
        rows.add(new FeatureRow(key, event, created, count, label)); // exact duplicate
      }
    }
    return rows;
  }

  private static List<EntityRow> entities(Random rnd, List<View> views) {
    List<EntityRow> rows = new ArrayList<>();
    int n = 60 + rnd.nextInt(60);
    for (int i = 0; i < n; i++) {
      long user = rnd.nextInt(8); // 6 and 7 have no history
      String merchant = "m" + rnd.nextInt(8);
      Instant t = BASE.plus(Duration.ofMinutes(rnd.nextInt(5 * 60)));
      FeatureRow anchor = views.get(rnd.nextInt(2)).rows().get(0);
      switch (rnd.nextInt(5)) {
        case 0 -> t = anchor.event(); // exactly at an event
        case 1 -> t = anchor.created(); // exactly when it became known
        case 2 -> t = anchor.event().plus(Duration.ofMinutes(30)); // exactly at t - maxAge
        default -> {}
      }
      if (rnd.nextBoolean()) {
        user = (Long) anchor.key();
      }
      rows.add(new EntityRow(user, merchant, t, i));
      if (rnd.nextInt(8) == 0) {
        rows.add(new EntityRow(user, merchant, t, i)); // duplicate entity row
      }
    }
    return rows;
  }

  private ViewRead write(String project, View v) {
    ValueType keyType = v.key().equals("user_id") ? ValueType.INT64 : ValueType.STRING;
    FeatureTableSpec spec =
        FeatureTableSpec.select(
            project,
            v.name(),
            1,
            List.of(Column.of(v.key(), keyType)),
            List.of(Column.of("count", ValueType.INT64), Column.of("label", ValueType.STRING)));
    List<Object[]> rows = new ArrayList<>();
    for (FeatureRow r : v.rows()) {
      rows.add(new Object[] {r.key(), r.event(), r.created(), r.count(), r.label()});
    }
    int half = rows.size() / 2; // two batches: two snapshots, several files
    store.append(spec, "b1", rows.subList(0, half));
    store.append(spec, "b2", rows.subList(half, rows.size()));
    return new ViewRead(
        v.name(),
        List.of(new Field(v.key(), keyType)),
        v.maxAge(),
        store.plan(spec.identifier(), null),
        null,
        List.of(
            new FeatureRead("count", v.name() + "__count", ValueType.INT64, null),
            new FeatureRead("label", v.name() + "__label", ValueType.STRING, null)));
  }

  private static Path entityFile(List<EntityRow> rows, boolean parquet) throws IOException {
    Path dir = EngineFixture.tempDir("entities");
    Path csv = dir.resolve("entities.csv");
    StringBuilder b = new StringBuilder("user_id,merchant,event_timestamp,label\n");
    for (EntityRow r : rows) {
      b.append(r.user()).append(',').append(r.merchant()).append(',');
      b.append(r.t()).append(',').append(r.label()).append('\n');
    }
    Files.writeString(csv, b);
    if (!parquet) {
      return csv;
    }
    Path file = dir.resolve("entities.parquet");
    EngineFixture.duck(
        "COPY (SELECT user_id, merchant, event_timestamp::TIMESTAMPTZ AS event_timestamp, label"
            + " FROM read_csv('"
            + csv
            + "')) TO '"
            + file
            + "' (FORMAT parquet)");
    return file;
  }
}
