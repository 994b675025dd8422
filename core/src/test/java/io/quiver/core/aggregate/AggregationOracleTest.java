package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random events (ties on event time, late arrivals, corrections, nulls) checked against a
 * brute-force oracle that shares no code with the aggregation package: the raw path and the tile
 * path at any t, the serving path at any t after every event, with tiles through their codec.
 */
class AggregationOracleTest {
  private static final Instant BASE = Instant.parse("2024-01-01T00:00:00Z");
  private static final List<Duration[]> WINDOWS =
      List.of(
          new Duration[] {null, Duration.ofMinutes(15)},
          new Duration[] {Duration.ofMinutes(30), Duration.ofMinutes(5)},
          new Duration[] {Duration.ofHours(2), Duration.ofMinutes(15)},
          new Duration[] {Duration.ofHours(1), Duration.ofHours(1)});
  private static final List<ValueType> COLUMNS =
      List.of(ValueType.INT64, ValueType.INT32, ValueType.DOUBLE, ValueType.STRING);

  record Row(Instant eventTime, Instant createdTime, Object value) {}

  static IntStream seeds() {
    return IntStream.rangeClosed(1, 20);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyPathEqualsTheBruteForceOracle(int seed) {
    Random random = new Random(seed);
    int staleTilesSeen = 0;
    for (ValueType column : COLUMNS) {
      List<Row> rows = rows(random, column);
      List<Event> events =
          rows.stream().map(r -> new Event(r.eventTime, r.createdTime, r.value)).toList();
      for (AggregationFunction function : AggregationFunction.values()) {
        if (!column.isNumeric()
            && (function == AggregationFunction.SUM || function == AggregationFunction.MEAN)) {
          continue;
        }
        Aggregator aggregator = Aggregator.of(function, column);
        for (Duration[] w : WINDOWS) {
          staleTilesSeen += checkWindow(seed, random, aggregator, rows, events, w);
        }
      }
    }
    assertThat(staleTilesSeen).as("seed %d exercised tiles created after t", seed).isPositive();
  }

  /** Checks the three paths for one aggregator and window; returns how often a tile was stale. */
  private static int checkWindow(
      int seed,
      Random random,
      Aggregator aggregator,
      List<Row> rows,
      List<Event> events,
      Duration[] w) {
    Window window = w[0] == null ? Window.lifetime(w[1]) : Window.sliding(w[0], w[1]);
    AggregationFunction function = aggregator.function();
    ValueType column = aggregator.column();
    List<Tile> tiles = throughCodec(aggregator, TileBuilder.build(aggregator, w[1], events));
    Supplier<String> where =
        () -> "seed " + seed + ", " + function + "(" + column + ") over " + window;
    int stale = 0;
    for (Instant t : times(random, rows, w)) {
      Object expected = oracle(function, column, w[0], w[1], rows, t);
      assertThat(RawAggregation.valueAt(aggregator, window, events, t))
          .as(() -> "raw, " + where.get() + " at " + t)
          .isEqualTo(expected);
      assertThat(PointInTimeAggregation.valueAt(aggregator, window, tiles, events, t))
          .as(() -> "tiles, " + where.get() + " at " + t)
          .isEqualTo(expected);
      stale += tiles.stream().anyMatch(tile -> tile.createdTime().isAfter(t)) ? 1 : 0;
    }
    for (Instant t : timesAfterAll(random, rows)) {
      assertThat(ServingAggregation.valueAt(aggregator, window, tiles, t))
          .as(() -> "serving, " + where.get() + " at " + t)
          .isEqualTo(oracle(function, column, w[0], w[1], rows, t));
    }
    return stale;
  }

  private static List<Tile> throughCodec(Aggregator aggregator, List<Tile> tiles) {
    return tiles.stream()
        .map(
            tile ->
                new Tile(
                    tile.start(),
                    tile.createdTime(),
                    PartialAggregateCodec.decode(
                        PartialAggregateCodec.encode(tile.aggregate()), aggregator)))
        .toList();
  }

  // ---- random input --------------------------------------------------------------------------

  private static List<Row> rows(Random random, ValueType column) {
    List<Instant> eventTimes = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      long seconds = random.nextBoolean() ? 300L * random.nextInt(72) : random.nextInt(6 * 3600);
      eventTimes.add(BASE.plusSeconds(seconds)); // often exactly on a hop boundary
    }
    List<Row> rows = new ArrayList<>();
    Set<List<Instant>> times = new HashSet<>();
    int n = 10 + random.nextInt(40);
    while (rows.size() < n) {
      Instant et = eventTimes.get(random.nextInt(eventTimes.size()));
      Instant ct =
          switch (random.nextInt(4)) {
            case 0 -> et;
            case 1 -> et.plusSeconds(random.nextInt(60)); // on time
            case 2 -> et.plusSeconds(3600 + random.nextInt(5 * 3600)); // late, or a correction
            default -> et.plusSeconds(random.nextInt(900));
          };
      if (times.add(List.of(et, ct))) {
        rows.add(new Row(et, ct, random.nextInt(7) == 0 ? null : value(random, column)));
      }
    }
    return rows;
  }

  private static Object value(Random random, ValueType column) {
    int k = random.nextInt(21) - 10;
    return switch (column) {
      case INT32 -> k;
      case INT64 -> random.nextInt(20) == 0 ? Long.MAX_VALUE - k : (long) k;
      case DOUBLE -> k / 4.0; // exact in binary, so sums do not depend on order
      default -> List.of("a", "b", "ä", "z", "", "\uD83D\uDE80").get(Math.floorMod(k, 6));
    };
  }

  /** Random instants in and around the data, and the edges: event, created and window times. */
  private static List<Instant> times(Random random, List<Row> rows, Duration[] w) {
    List<Instant> ts = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      Row r = rows.get(random.nextInt(rows.size()));
      Duration size = w[0] == null ? Duration.ZERO : w[0];
      ts.add(
          switch (random.nextInt(7)) {
            case 0 -> r.eventTime;
            case 1 -> r.createdTime;
            case 2 -> r.eventTime.plus(size);
            case 3 -> r.eventTime.plus(size).plus(w[1]).minusSeconds(1);
            case 4 -> r.eventTime.plus(size).plus(w[1]);
            case 5 -> r.createdTime.minusNanos(1_000);
            default -> BASE.plusSeconds(random.nextInt(12 * 3600) - 600);
          });
    }
    return ts;
  }

  private static List<Instant> timesAfterAll(Random random, List<Row> rows) {
    Instant last =
        rows.stream()
            .flatMap(r -> Stream.of(r.eventTime, r.createdTime))
            .max(Comparator.naturalOrder())
            .orElseThrow();
    List<Instant> ts = new ArrayList<>(List.of(last));
    for (int i = 0; i < 5; i++) {
      ts.add(last.plusSeconds(random.nextInt(4 * 3600)));
    }
    return ts;
  }

  // ---- the oracle: SPEC's rule, literally ------------------------------------------------------

  private static Object oracle(
      AggregationFunction function,
      ValueType column,
      Duration size,
      Duration hop,
      List<Row> rows,
      Instant t) {
    List<Row> counted = new ArrayList<>();
    for (Row r : rows) {
      boolean inWindow =
          !r.eventTime.isAfter(t)
              && (size == null || !r.eventTime.isBefore(floor(t.minus(size), hop)));
      if (r.value != null && !r.createdTime.isAfter(t) && inWindow) {
        counted.add(r);
      }
    }
    if (counted.isEmpty()) {
      return null;
    }
    Comparator<Row> byTimes = Comparator.comparing(Row::eventTime).thenComparing(Row::createdTime);
    return switch (function) {
      case COUNT -> (long) counted.size();
      case SUM ->
          column == ValueType.DOUBLE ? (Object) doubleSum(counted) : (Object) longSum(counted);
      case MEAN ->
          (column == ValueType.DOUBLE ? doubleSum(counted) : (double) longSum(counted))
              / counted.size();
      case MIN ->
          counted.stream().map(Row::value).min(AggregationOracleTest::compare).orElseThrow();
      case MAX ->
          counted.stream().map(Row::value).max(AggregationOracleTest::compare).orElseThrow();
      case FIRST -> counted.stream().min(byTimes).orElseThrow().value;
      case LAST -> counted.stream().max(byTimes).orElseThrow().value;
      case COUNT_DISTINCT -> (long) new HashSet<>(counted.stream().map(Row::value).toList()).size();
    };
  }

  private static Instant floor(Instant t, Duration hop) {
    long s = t.getEpochSecond();
    return Instant.ofEpochSecond(s - Math.floorMod(s, hop.getSeconds()));
  }

  private static long longSum(List<Row> rows) {
    long sum = 0;
    for (Row r : rows) {
      sum += ((Number) r.value).longValue();
    }
    return sum;
  }

  private static double doubleSum(List<Row> rows) {
    double sum = 0;
    for (Row r : rows) {
      sum += (Double) r.value;
    }
    return sum;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    return ((Comparable) a).compareTo(b);
  }
}
