package io.quiver.export.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.Event;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.Tile;
import io.quiver.core.aggregate.TileBuilder;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.model.Window;
import io.quiver.export.plan.DataSequenceNumbers;
import io.quiver.offline.Column;
import io.quiver.offline.CuratedTableSpec;
import io.quiver.offline.FeatureTableSpec;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.TablePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Aggregation views against a brute-force oracle over the raw events (no core code in the oracle):
 * tiles written by three materialization runs (so late events make tiles that are created after
 * some t, and recomputed tiles appear twice in the append-only table, sometimes with the same
 * created time and more events: the newest snapshot's row wins), 5-minute tiles under a lifetime
 * window whose hop is one hour, sliding windows, null values, entities without history.
 */
class AggregationPointInTimeOracleTest {
  private static final Instant BASE = Instant.parse("2024-03-01T00:00:00Z");
  private static final Duration TILE_HOP = Duration.ofMinutes(5);
  private static final List<Instant> RUNS =
      List.of(
          BASE.plus(Duration.ofHours(2)), BASE.plus(Duration.ofHours(4)), BASE.plusSeconds(86400));
  private final IcebergOfflineStore store = EngineFixture.store();

  /** A source event; {@code arrival} is when a materializer run can first see it. */
  record Txn(long user, Instant event, Instant created, Instant arrival, Double amount) {}

  record Agg(String name, AggregationFunction function, String window) {}

  private static final List<Agg> AGGS =
      List.of(
          new Agg("cnt", AggregationFunction.COUNT, "lifetime"),
          new Agg("total", AggregationFunction.SUM, "1h"),
          new Agg("biggest", AggregationFunction.MAX, "2h"));

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {11, 12, 13, 14, 15})
  void exportEqualsTheRawAggregationAtEveryT(long seed) throws IOException {
    Random rnd = new Random(seed);
    String project = EngineFixture.newProject();
    List<Txn> txns = txns(rnd);
    ViewRead view = write(project, txns);
    List<long[]> entities = new ArrayList<>(); // user, t micros-free seconds
    StringBuilder csv = new StringBuilder("user_id,event_timestamp\n");
    for (int i = 0; i < 80; i++) {
      long user = rnd.nextInt(6); // 5 has no history
      Instant t = BASE.plus(Duration.ofMinutes(rnd.nextInt(8 * 60)));
      if (rnd.nextInt(4) == 0) {
        t = txns.get(rnd.nextInt(txns.size())).event();
      }
      entities.add(new long[] {user, t.getEpochSecond()});
      csv.append(user).append(',').append(t).append('\n');
    }
    Path input = EngineFixture.tempDir("agg-entities").resolve("entities.csv");
    Files.writeString(input, csv);
    Path out = EngineFixture.tempDir("agg-out").resolve("part-0.parquet");
    PointInTimeQuery q =
        new PointInTimeQuery(
            input,
            EntityFormat.CSV,
            List.of(view),
            List.of("spend__biggest", "spend__cnt", "spend__total"),
            true);

    EngineFixture.engine().export(q, OutputFormat.PARQUET, out, f -> {});

    List<List<Object>> rows =
        EngineFixture.rows(
            "SELECT spend__biggest, spend__cnt, spend__total FROM read_parquet('" + out + "')");
    for (int i = 0; i < entities.size(); i++) {
      long user = entities.get(i)[0];
      Instant t = Instant.ofEpochSecond(entities.get(i)[1]);
      List<Object> expected = new ArrayList<>();
      expected.add(oracle(txns, user, t, "max", Duration.ofHours(2), Duration.ofMinutes(5)));
      expected.add(oracle(txns, user, t, "count", null, Duration.ofHours(1)));
      expected.add(oracle(txns, user, t, "sum", Duration.ofHours(1), Duration.ofMinutes(5)));
      assertThat(rows.get(i))
          .as("seed %d, row %d: user %d at %s", seed, i, user, t)
          .isEqualTo(expected);
    }
  }

  /** Events created by t with event time in [floor_hop(t - W), t] (lifetime: up to t). */
  private static Object oracle(
      List<Txn> txns, long user, Instant t, String fn, Duration window, Duration hop) {
    long start = Long.MIN_VALUE;
    if (window != null) {
      long s = t.minus(window).getEpochSecond();
      start = Math.floorDiv(s, hop.getSeconds()) * hop.getSeconds();
    }
    long count = 0;
    double sum = 0;
    Double max = null;
    for (Txn x : txns) {
      long e = x.event().getEpochSecond();
      if (x.user() == user
          && !x.created().isAfter(t)
          && !x.event().isAfter(t)
          && e >= start
          && x.amount() != null) {
        count++;
        sum += x.amount();
        max = max == null || x.amount() > max ? x.amount() : max;
      }
    }
    if (count == 0) {
      return null;
    }
    return switch (fn) {
      case "count" -> count;
      case "sum" -> sum;
      default -> max;
    };
  }

  private static List<Txn> txns(Random rnd) {
    List<Txn> txns = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      Instant event = BASE.plus(Duration.ofMinutes(rnd.nextInt(7 * 60)));
      Instant created =
          switch (rnd.nextInt(4)) {
            case 0, 1 -> event;
            case 2 -> event.plus(Duration.ofMinutes(rnd.nextInt(20)));
            default -> event.plus(Duration.ofMinutes(60 + rnd.nextInt(180))); // late backfill
          };
      // Some arrive late with no later created time (a source without createdTimestampField):
      // the recomputed tile can keep its created time while its content changes.
      Instant arrival =
          rnd.nextInt(4) == 0 ? created.plus(Duration.ofMinutes(90 + rnd.nextInt(120))) : created;
      Double amount = rnd.nextInt(6) == 0 ? null : (double) rnd.nextInt(100);
      txns.add(new Txn(rnd.nextInt(5), event, created, arrival, amount));
    }
    return txns;
  }

  /** Curated events, and tiles as three materializer runs would append them. */
  private ViewRead write(String project, List<Txn> txns) {
    CuratedTableSpec curated =
        new CuratedTableSpec(
            project,
            "txns",
            List.of(Column.of("user_id", ValueType.INT64), Column.of("amount", ValueType.DOUBLE)));
    List<Object[]> events = new ArrayList<>();
    txns.forEach(x -> events.add(new Object[] {x.user(), x.amount(), x.event(), x.created()}));
    store.appendCurated(curated, "c1", events);
    FeatureTableSpec tiles =
        FeatureTableSpec.tiles(
            project,
            "spend",
            1,
            List.of(Column.of("user_id", ValueType.INT64)),
            AGGS.stream().map(Agg::name).toList());
    Instant previous = Instant.MIN;
    for (int run = 0; run < RUNS.size(); run++) {
      store.append(tiles, "run" + run, tilesOfRun(txns, previous, RUNS.get(run)));
      previous = RUNS.get(run);
    }
    List<FeatureRead> features = new ArrayList<>();
    for (Agg a : AGGS) {
      ValueType type = a.function().resultType(ValueType.DOUBLE);
      Aggregator aggregator = Aggregator.of(a.function(), ValueType.DOUBLE);
      AggregateRead read = new AggregateRead(aggregator, Window.parse(a.window(), null), "amount");
      features.add(new FeatureRead(a.name(), "spend__" + a.name(), type, read));
    }
    TablePlan tilePlan = store.plan(tiles.identifier(), null);
    return new ViewRead(
        "spend",
        List.of(new Field("user_id", ValueType.INT64)),
        null,
        tilePlan,
        store.plan(curated.identifier(), null),
        features,
        DataSequenceNumbers.of(
            store.catalog(), tiles.identifier(), tilePlan.snapshotId().getAsLong()));
  }

  /** Whole tiles of every (user, hop) that got an event created in (from, to], as known at to. */
  private static List<Object[]> tilesOfRun(List<Txn> txns, Instant from, Instant to) {
    Set<List<Long>> touched = new HashSet<>();
    for (Txn x : txns) {
      if (x.arrival().isAfter(from) && !x.arrival().isAfter(to)) {
        touched.add(List.of(x.user(), hopStart(x.event())));
      }
    }
    List<Object[]> rows = new ArrayList<>();
    for (List<Long> key : touched) {
      List<Event> events = new ArrayList<>();
      for (Txn x : txns) {
        if (x.user() == key.get(0)
            && hopStart(x.event()) == key.get(1)
            && !x.arrival().isAfter(to)) {
          events.add(new Event(x.event(), x.created(), x.amount()));
        }
      }
      Object[] row = new Object[4 + AGGS.size()];
      row[0] = key.get(0);
      row[2] = TILE_HOP.getSeconds();
      for (int i = 0; i < AGGS.size(); i++) {
        Aggregator a = Aggregator.of(AGGS.get(i).function(), ValueType.DOUBLE);
        Tile tile = TileBuilder.build(a, TILE_HOP, events).get(0);
        row[1] = tile.start();
        row[3] = tile.createdTime();
        row[4 + i] = PartialAggregateCodec.encode(tile.aggregate());
      }
      rows.add(row);
    }
    return rows;
  }

  private static long hopStart(Instant event) {
    long s = TILE_HOP.getSeconds();
    return Math.floorDiv(event.getEpochSecond(), s) * s;
  }
}
