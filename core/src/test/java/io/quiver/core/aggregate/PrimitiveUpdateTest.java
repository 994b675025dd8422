package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The primitive entry points against the boxed {@code update(Instant, Instant, Object)} as the
 * oracle: the same seeded rows and the same plan of splits, merges and codec round trips run once
 * with every row boxed and once with rows through {@code updateLong}, {@code updateDouble} or
 * {@code updateMicros} (all of them, or a random mix with boxed rows), and the two must agree on
 * {@code result()} and on the {@link PartialAggregateCodec} bytes. Every function meets every entry
 * point over INT64, DOUBLE and TIMESTAMP columns, the mismatched ones included; where the boxed
 * path fails the primitive one may too, so those runs are not compared.
 */
class PrimitiveUpdateTest {
  private static final int SEEDS = 40;
  private static final int ROWS = 300;

  enum Kind {
    LONG,
    DOUBLE,
    MICROS
  }

  enum Mode {
    BOXED,
    PRIMITIVE,
    MIXED
  }

  record Row(long eventMicros, long createdMicros, long bits) {}

  /** One step of a plan: a row's update, or a change of partial (see {@link #run}). */
  enum Op {
    UPDATE,
    SPLIT,
    MERGE,
    ROUND_TRIP
  }

  record Step(Op op, int row, boolean boxedInMixed) {}

  /** What a run left: the failure of an update, or the result and the encoding (or its failure). */
  record Outcome(String updateFailure, Object result, byte[] bytes, String encodeFailure) {}

  static Stream<Arguments> combinations() {
    List<Arguments> out = new ArrayList<>();
    for (AggregationFunction f : AggregationFunction.values()) {
      for (ValueType column : List.of(ValueType.INT64, ValueType.DOUBLE, ValueType.TIMESTAMP)) {
        if ((f == AggregationFunction.SUM || f == AggregationFunction.MEAN)
            && !column.isNumeric()) {
          continue;
        }
        for (Kind kind : Kind.values()) {
          out.add(Arguments.of(f, column, kind));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}({1}) via {2}")
  @MethodSource("combinations")
  void aStraightFoldEqualsTheBoxedOne(AggregationFunction f, ValueType column, Kind kind) {
    check(f, column, kind, false);
  }

  @ParameterizedTest(name = "{0}({1}) via {2}")
  @MethodSource("combinations")
  void foldsMixedWithBoxedRowsMergesAndCodecRoundTripsEqualTheBoxedOnes(
      AggregationFunction f, ValueType column, Kind kind) {
    check(f, column, kind, true);
  }

  private static void check(AggregationFunction f, ValueType column, Kind kind, boolean splits) {
    Aggregator aggregator = Aggregator.of(f, column);
    boolean matched =
        (kind == Kind.LONG && column == ValueType.INT64)
            || (kind == Kind.DOUBLE && column == ValueType.DOUBLE)
            || (kind == Kind.MICROS && column == ValueType.TIMESTAMP);
    int compared = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
      Random random = new Random(seed);
      List<Row> rows = rows(random, kind);
      List<Step> plan = plan(random, rows.size(), splits);
      Outcome boxed = run(aggregator, kind, rows, plan, Mode.BOXED);
      if (matched) {
        assertThat(boxed.updateFailure()).as("seed %d, boxed", seed).isNull();
        assertThat(boxed.encodeFailure()).as("seed %d, boxed", seed).isNull();
      }
      if (boxed.updateFailure() != null) {
        continue;
      }
      assertThat(boxed.result()).as("seed %d, boxed", seed).isNotNull();
      for (Mode mode : splits ? List.of(Mode.PRIMITIVE, Mode.MIXED) : List.of(Mode.PRIMITIVE)) {
        Outcome other = run(aggregator, kind, rows, plan, mode);
        String where = "seed " + seed + ", " + mode;
        assertThat(other.updateFailure()).as(where).isNull();
        assertThat(other.result()).as(where).isEqualTo(boxed.result());
        assertThat(other.encodeFailure()).as(where).isEqualTo(boxed.encodeFailure());
        assertThat(other.bytes()).as(where).isEqualTo(boxed.bytes());
        compared++;
      }
    }
    // matched combinations never fail, so every seed was compared; a mismatched one (say a Long in
    // a DOUBLE column's FIRST, whose tie-break encodes it) may fail boxed and skip its seed
    if (matched) {
      assertThat(compared).isEqualTo(SEEDS * (splits ? 2 : 1));
    }
  }

  /**
   * Runs the plan: UPDATE folds a row into the current partial, SPLIT sets it aside and starts an
   * empty one, MERGE folds the current one into the last set aside, which becomes current again and
   * keeps taking rows, ROUND_TRIP replaces the current one by its decoded encoding. Whatever is set
   * aside at the end is merged in the same way.
   */
  private static Outcome run(
      Aggregator aggregator, Kind kind, List<Row> rows, List<Step> plan, Mode mode) {
    Deque<PartialAggregate> aside = new ArrayDeque<>();
    PartialAggregate current = aggregator.empty();
    try {
      for (Step step : plan) {
        switch (step.op()) {
          case UPDATE -> {
            boolean boxed = mode == Mode.BOXED || (mode == Mode.MIXED && step.boxedInMixed());
            update(current, kind, rows.get(step.row()), boxed);
          }
          case SPLIT -> {
            aside.push(current);
            current = aggregator.empty();
          }
          case MERGE -> current = merged(aside, current);
          case ROUND_TRIP ->
              current =
                  PartialAggregateCodec.decode(PartialAggregateCodec.encode(current), aggregator);
        }
      }
      while (!aside.isEmpty()) {
        current = merged(aside, current);
      }
    } catch (RuntimeException e) {
      return new Outcome(e.getClass().getName(), null, null, null);
    }
    try {
      return new Outcome(null, current.result(), PartialAggregateCodec.encode(current), null);
    } catch (RuntimeException e) {
      return new Outcome(null, current.result(), null, e.getClass().getName());
    }
  }

  private static PartialAggregate merged(Deque<PartialAggregate> aside, PartialAggregate current) {
    return aside.isEmpty() ? current : aside.pop().merge(current);
  }

  private static void update(PartialAggregate state, Kind kind, Row r, boolean boxed) {
    if (boxed) {
      Object value =
          switch (kind) {
            case LONG -> Long.valueOf(r.bits());
            case DOUBLE -> Double.valueOf(Double.longBitsToDouble(r.bits()));
            case MICROS -> EpochMicros.toInstant(r.bits());
          };
      state.update(
          EpochMicros.toInstant(r.eventMicros()), EpochMicros.toInstant(r.createdMicros()), value);
      return;
    }
    switch (kind) {
      case LONG -> state.updateLong(r.eventMicros(), r.createdMicros(), r.bits());
      case DOUBLE ->
          state.updateDouble(r.eventMicros(), r.createdMicros(), Double.longBitsToDouble(r.bits()));
      case MICROS -> state.updateMicros(r.eventMicros(), r.createdMicros(), r.bits());
    }
  }

  /**
   * Rows whose times come from a few values (ties in event time and in both times, before 1970, not
   * on whole seconds) and whose values are mostly drawn from edge cases, so values repeat and
   * extremes and orders of signed zeros and NaNs meet; a value is kept as its long bits.
   */
  private static List<Row> rows(Random random, Kind kind) {
    long[] times = {
      -1L,
      -999_999L,
      -1_000_000L,
      -1_000_001L,
      0L,
      1L,
      1_704_067_200_000_000L,
      1_704_067_200_000_001L
    };
    int n = 1 + random.nextInt(ROWS);
    List<Row> rows = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long event = times[random.nextInt(times.length)];
      long created = random.nextInt(4) == 0 ? event : times[random.nextInt(times.length)];
      rows.add(new Row(event, created, value(random, kind)));
    }
    return rows;
  }

  private static long value(Random random, Kind kind) {
    return switch (kind) {
      case LONG -> pick(random, Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, random.nextLong());
      case DOUBLE ->
          Double.doubleToRawLongBits(
              switch (random.nextInt(16)) {
                case 0 -> Double.NaN;
                case 1 -> Double.longBitsToDouble(0x7ff0_0000_0000_0001L); // another NaN
                case 2 -> Double.longBitsToDouble(0xfff8_0000_0000_0000L); // a negative NaN
                case 3 -> -0.0;
                case 4 -> 0.0;
                case 5 -> Double.POSITIVE_INFINITY;
                case 6 -> Double.NEGATIVE_INFINITY;
                case 7 -> Double.MAX_VALUE;
                case 8 -> -Double.MIN_VALUE;
                case 9 -> (double) Long.MAX_VALUE; // 2^63: its long cast saturates
                case 10 -> Double.longBitsToDouble(random.nextLong());
                default ->
                    random.nextInt(7)
                        - 3
                        + random.nextGaussian() * (random.nextBoolean() ? 1 : 1e18);
              });
      case MICROS ->
          pick(
              random,
              Long.MIN_VALUE,
              Long.MAX_VALUE,
              0L,
              -1L,
              -1_000_000L,
              -1_000_001L,
              999_999L,
              random.nextLong(),
              random.nextLong() / 1_000_000 * 1_000_000);
    };
  }

  private static long pick(Random random, long... edges) {
    // half the time one of the edges, half a small value, so equal values recur
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(21) - 10;
  }

  /** All rows in order; with splits, SPLIT, MERGE and ROUND_TRIP steps between them at random. */
  private static List<Step> plan(Random random, int rows, boolean splits) {
    List<Step> plan = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (splits) {
        int r = random.nextInt(24);
        if (r < 2) {
          plan.add(new Step(Op.SPLIT, -1, false));
        } else if (r < 4) {
          plan.add(new Step(Op.MERGE, -1, false));
        } else if (r < 5) {
          plan.add(new Step(Op.ROUND_TRIP, -1, false));
        }
      }
      plan.add(new Step(Op.UPDATE, i, random.nextBoolean()));
    }
    return plan;
  }
}
