package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PartialArray} against a {@link PartialAggregate} per tile as the oracle: the same seeded
 * updates, spread over a few tiles, must leave every tile with the oracle's {@link
 * PartialAggregateCodec} bytes. Odd seeds update through the column's own entry point and boxed
 * values of its class (instants off the microsecond among them, which move a tile to an object);
 * even seeds mix in every entry point and values of other classes, and must fail where the oracle
 * fails, with the same exception class.
 */
class PartialArrayTest {
  private static final int SEEDS = 30;
  private static final int TILES = 4;
  private static final List<ValueType> COLUMNS =
      List.of(
          ValueType.INT64,
          ValueType.DOUBLE,
          ValueType.TIMESTAMP,
          ValueType.INT32,
          ValueType.STRING);

  enum Entry {
    BOXED,
    LONG,
    DOUBLE,
    MICROS
  }

  static Stream<Arguments> aggregators() {
    List<Arguments> out = new ArrayList<>();
    for (AggregationFunction f : AggregationFunction.values()) {
      for (ValueType column : COLUMNS) {
        boolean numeric = column.isNumeric();
        if ((f == AggregationFunction.SUM || f == AggregationFunction.MEAN) && !numeric) {
          continue;
        }
        out.add(Arguments.of(f, column));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}({1})")
  @MethodSource("aggregators")
  void everyTileEncodesAsTheOracleFoldedTheSameUpdates(AggregationFunction f, ValueType column) {
    Aggregator aggregator = Aggregator.of(f, column);
    int finished = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      boolean mixed = seed % 2 == 0;
      Random random = new Random(seed);
      PartialArray array = PartialArray.of(aggregator, TILES);
      PartialAggregate[] oracle = new PartialAggregate[TILES];
      for (int t = 0; t < TILES; t++) {
        oracle[t] = aggregator.empty();
      }
      // the first tile takes no update, so empty tiles are compared too
      String failure = null;
      for (int i = 0; i < 200 && failure == null; i++) {
        int t = 1 + random.nextInt(TILES - 1);
        Entry entry = entry(random, column, mixed);
        long e = times(random);
        long c = times(random);
        long bits = bits(random, entry);
        Object boxed = boxed(random, column, mixed);
        String expected = failure(() -> apply(oracle[t], entry, e, c, bits, boxed));
        String actual = failure(() -> apply(array, t, entry, e, c, bits, boxed));
        assertThat(actual).as("seed %d, update %d by %s", seed, i, entry).isEqualTo(expected);
        failure = expected;
      }
      assertThat(mixed || failure == null).as("seed %d: %s", seed, failure).isTrue();
      if (failure != null) {
        continue; // states after a failed update are not promised to agree
      }
      BinaryWriter scratch = new BinaryWriter();
      for (int t = 0; t < TILES; t++) {
        int tile = t;
        byte[][] mine = {null};
        String expected = failure(() -> PartialAggregateCodec.encode(oracle[tile]));
        String actual = failure(() -> mine[0] = array.encode(tile, scratch));
        assertThat(actual).as("seed %d, tile %d encoding", seed, t).isEqualTo(expected);
        if (expected == null) {
          assertThat(mine[0])
              .as("seed %d, tile %d", seed, t)
              .isEqualTo(PartialAggregateCodec.encode(oracle[t]));
        }
      }
      finished++;
    }
    assertThat(finished).as("seeds whose updates all succeeded").isGreaterThanOrEqualTo(SEEDS / 2);
  }

  /** The column's own entry point or a boxed value; mixed, sometimes any other. */
  private static Entry entry(Random random, ValueType column, boolean mixed) {
    if (mixed && random.nextInt(5) == 0) {
      return Entry.values()[random.nextInt(Entry.values().length)];
    }
    if (random.nextBoolean()) {
      return switch (column) {
        case INT64 -> Entry.LONG;
        case DOUBLE -> Entry.DOUBLE;
        case TIMESTAMP -> Entry.MICROS;
        default -> Entry.BOXED;
      };
    }
    return Entry.BOXED;
  }

  private static void apply(
      PartialAggregate p, Entry entry, long e, long c, long bits, Object boxed) {
    switch (entry) {
      case BOXED -> p.update(EpochMicros.toInstant(e), EpochMicros.toInstant(c), boxed);
      case LONG -> p.updateLong(e, c, bits);
      case DOUBLE -> p.updateDouble(e, c, Double.longBitsToDouble(bits));
      case MICROS -> p.updateMicros(e, c, bits);
    }
  }

  private static void apply(
      PartialArray a, int t, Entry entry, long e, long c, long bits, Object boxed) {
    switch (entry) {
      case BOXED -> a.update(t, EpochMicros.toInstant(e), EpochMicros.toInstant(c), boxed);
      case LONG -> a.updateLong(t, e, c, bits);
      case DOUBLE -> a.updateDouble(t, e, c, Double.longBitsToDouble(bits));
      case MICROS -> a.updateMicros(t, e, c, bits);
    }
  }

  /** The class of what {@code r} throws, or null. */
  private static String failure(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  private static long times(Random random) {
    long[] times = {-1_000_001L, -1L, 0L, 1L, 1_704_067_200_000_000L, 1_704_067_200_000_001L};
    return times[random.nextInt(times.length)];
  }

  /** A primitive value as long bits, from edge cases and small values that repeat. */
  private static long bits(Random random, Entry entry) {
    if (entry == Entry.DOUBLE) {
      double[] edges = {
        Double.NaN,
        Double.longBitsToDouble(0x7ff0_0000_0000_0001L),
        -0.0,
        0.0,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        Double.MAX_VALUE,
        -Double.MIN_VALUE,
        random.nextInt(7) - 3 + random.nextGaussian()
      };
      return Double.doubleToRawLongBits(edges[random.nextInt(edges.length)]);
    }
    long[] edges = {Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, -1_000_001L, random.nextLong()};
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(21) - 10;
  }

  /** A boxed value of the column's class or null; mixed, sometimes of another class. */
  private static Object boxed(Random random, ValueType column, boolean mixed) {
    int pick = random.nextInt(10);
    if (pick == 0) {
      return null;
    }
    if (mixed && pick == 1) {
      Object[] others = {1L, 2.5, "x", 7, Instant.ofEpochSecond(5, 1), Instant.MAX};
      return others[random.nextInt(others.length)];
    }
    long small = random.nextInt(21) - 10;
    return switch (column) {
      case INT64 -> small;
      case DOUBLE -> random.nextInt(8) == 0 ? Double.NaN : small / 4.0;
      case TIMESTAMP ->
          random.nextInt(8) == 0 ? Instant.ofEpochSecond(small, 123) : EpochMicros.toInstant(small);
      case INT32 -> (int) small;
      default -> "s" + small;
    };
  }
}
