package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;

/**
 * The partial states of one {@link Aggregator} for a fixed number of tiles, indexed by tile: what a
 * batch fills when it rebuilds millions of tiles at once. Each update leaves tile {@code t} exactly
 * as the same update of a {@link PartialAggregate} leaves that partial, and {@link #encode} gives
 * the same bytes as {@link PartialAggregateCodec#encode}.
 *
 * <p>COUNT, SUM and MEAN, and MIN and MAX over INT64, DOUBLE and TIMESTAMP columns, keep their
 * state in primitive arrays: filling tiles in random order then touches a slot of an array or two
 * per aggregation and row, where a partial object per tile and aggregation was a dependent cache
 * miss each. An update those arrays cannot hold exactly (a value of another class than the
 * column's) moves its tile to a partial object, built from the tile's state, for good. The other
 * functions and types keep a partial object per tile.
 */
public abstract sealed class PartialArray {
  final Aggregator aggregator;
  private PartialAggregate[] objects; // a tile's state when it is held as an object

  private PartialArray(Aggregator aggregator) {
    this.aggregator = aggregator;
  }

  /** Empty states for {@code tiles} tiles. */
  public static PartialArray of(Aggregator aggregator, int tiles) {
    ValueType column = aggregator.column();
    return switch (aggregator.function()) {
      case COUNT -> new Count(aggregator, tiles);
      case SUM, MEAN -> new Sum(aggregator, tiles);
      case MIN, MAX ->
          switch (column) {
            case INT64, DOUBLE, TIMESTAMP -> new MinMax(aggregator, tiles);
            default -> new Boxed(aggregator, tiles);
          };
      default -> new Boxed(aggregator, tiles);
    };
  }

  /** {@link PartialAggregate#update(Instant, Instant, Object)} of tile {@code t}. */
  public final void update(int t, Instant eventTime, Instant createdTime, Object value) {
    if (value == null) {
      return;
    }
    PartialAggregate o = object(t);
    if (o != null || !addBoxed(t, value)) {
      asObject(t).update(eventTime, createdTime, value);
    }
  }

  /** {@link PartialAggregate#updateLong} of tile {@code t}. */
  public final void updateLong(int t, long eventMicros, long createdMicros, long value) {
    if (object(t) != null || !addLong(t, value)) {
      asObject(t).updateLong(eventMicros, createdMicros, value);
    }
  }

  /** {@link PartialAggregate#updateDouble} of tile {@code t}. */
  public final void updateDouble(int t, long eventMicros, long createdMicros, double value) {
    if (object(t) != null || !addDouble(t, value)) {
      asObject(t).updateDouble(eventMicros, createdMicros, value);
    }
  }

  /** {@link PartialAggregate#updateMicros} of tile {@code t}. */
  public final void updateMicros(int t, long eventMicros, long createdMicros, long valueMicros) {
    if (object(t) != null || !addMicros(t, valueMicros)) {
      asObject(t).updateMicros(eventMicros, createdMicros, valueMicros);
    }
  }

  /** Tile {@code t}'s state as {@link PartialAggregateCodec#encode} writes it, through scratch. */
  public final byte[] encode(int t, BinaryWriter scratch) {
    PartialAggregate o = object(t);
    return PartialAggregateCodec.encode(o != null ? o : fromState(t), scratch);
  }

  private PartialAggregate object(int t) {
    return objects == null ? null : objects[t];
  }

  /** Tile {@code t} as a partial object from now on, built from its state so far. */
  private PartialAggregate asObject(int t) {
    if (objects == null) {
      objects = new PartialAggregate[length()];
    }
    if (objects[t] == null) {
      objects[t] = fromState(t);
    }
    return objects[t];
  }

  // Each add folds a non-null value into the arrays and answers true, or answers false, leaving
  // them as they were, when they cannot hold the result exactly.

  abstract boolean addBoxed(int t, Object value);

  abstract boolean addLong(int t, long value);

  abstract boolean addDouble(int t, double value);

  abstract boolean addMicros(int t, long valueMicros);

  /** A partial object equal to tile {@code t}'s array state. */
  abstract PartialAggregate fromState(int t);

  abstract int length();

  private static final class Count extends PartialArray {
    private final long[] counts;

    Count(Aggregator aggregator, int tiles) {
      super(aggregator);
      counts = new long[tiles];
    }

    @Override
    boolean addBoxed(int t, Object value) {
      counts[t]++;
      return true;
    }

    @Override
    boolean addLong(int t, long value) {
      counts[t]++;
      return true;
    }

    @Override
    boolean addDouble(int t, double value) {
      counts[t]++;
      return true;
    }

    @Override
    boolean addMicros(int t, long valueMicros) {
      counts[t]++;
      return true;
    }

    @Override
    PartialAggregate fromState(int t) {
      return new CountAggregate(aggregator, counts[t]);
    }

    @Override
    int length() {
      return counts.length;
    }
  }

  /** SUM and MEAN: the count, and the sum as SumAggregate keeps it for the column's type. */
  private static final class Sum extends PartialArray {
    private final boolean integral;
    private final long[] counts;
    private final long[] longSums;
    private final double[] doubleSums;

    Sum(Aggregator aggregator, int tiles) {
      super(aggregator);
      integral = new SumAggregate(aggregator).integral();
      counts = new long[tiles];
      longSums = integral ? new long[tiles] : null;
      doubleSums = integral ? null : new double[tiles];
    }

    @Override
    boolean addBoxed(int t, Object value) {
      if (!(value instanceof Number n)) {
        return false; // the partial object fails on it as it should
      }
      counts[t]++;
      if (integral) {
        longSums[t] += n.longValue();
      } else {
        doubleSums[t] += n.doubleValue();
      }
      return true;
    }

    @Override
    boolean addLong(int t, long value) {
      counts[t]++;
      if (integral) {
        longSums[t] += value;
      } else {
        doubleSums[t] += (double) value;
      }
      return true;
    }

    @Override
    boolean addDouble(int t, double value) {
      counts[t]++;
      if (integral) {
        longSums[t] += (long) value;
      } else {
        doubleSums[t] += value;
      }
      return true;
    }

    @Override
    boolean addMicros(int t, long valueMicros) {
      return false;
    }

    @Override
    PartialAggregate fromState(int t) {
      return new SumAggregate(
          aggregator, counts[t], integral ? longSums[t] : 0, integral ? 0 : doubleSums[t]);
    }

    @Override
    int length() {
      return counts.length;
    }
  }

  /**
   * MIN and MAX over INT64 (a Long best), DOUBLE (a Double, ordered by Double.compare as
   * Double.compareTo orders it) or TIMESTAMP (an Instant in whole microseconds) columns.
   */
  private static final class MinMax extends PartialArray {
    private final int sign;
    private final ValueType column;
    private final boolean[] present;
    private final long[] longs; // INT64 values, TIMESTAMP micros
    private final double[] doubles;

    MinMax(Aggregator aggregator, int tiles) {
      super(aggregator);
      sign = aggregator.function() == AggregationFunction.MIN ? -1 : 1;
      column = aggregator.column();
      present = new boolean[tiles];
      longs = column == ValueType.DOUBLE ? null : new long[tiles];
      doubles = column == ValueType.DOUBLE ? new double[tiles] : null;
    }

    @Override
    boolean addBoxed(int t, Object value) {
      return switch (column) {
        case INT64 -> value instanceof Long n && addLong(t, n);
        case DOUBLE -> value instanceof Double d && addDouble(t, d);
        default -> value instanceof Instant i && addInstant(t, i);
      };
    }

    /** An Instant in whole microseconds within their range; others are left to the object. */
    private boolean addInstant(int t, Instant i) {
      if (i.getNano() % 1_000 != 0) {
        return false;
      }
      long micros;
      try {
        micros = EpochMicros.of(i);
      } catch (ArithmeticException beyondRange) {
        return false;
      }
      return addMicros(t, micros);
    }

    @Override
    boolean addLong(int t, long value) {
      if (column != ValueType.INT64) {
        return false;
      }
      if (!present[t] || Integer.signum(Long.compare(value, longs[t])) == sign) {
        longs[t] = value;
        present[t] = true;
      }
      return true;
    }

    @Override
    boolean addDouble(int t, double value) {
      if (column != ValueType.DOUBLE) {
        return false;
      }
      if (!present[t] || Integer.signum(Double.compare(value, doubles[t])) == sign) {
        doubles[t] = value;
        present[t] = true;
      }
      return true;
    }

    @Override
    boolean addMicros(int t, long valueMicros) {
      if (column != ValueType.TIMESTAMP) {
        return false;
      }
      if (!present[t] || Integer.signum(Long.compare(valueMicros, longs[t])) == sign) {
        longs[t] = valueMicros;
        present[t] = true;
      }
      return true;
    }

    @Override
    PartialAggregate fromState(int t) {
      if (!present[t]) {
        return new MinMaxAggregate(aggregator);
      }
      Object best =
          switch (column) {
            case INT64 -> longs[t];
            case DOUBLE -> doubles[t];
            default -> EpochMicros.toInstant(longs[t]);
          };
      return new MinMaxAggregate(aggregator, best);
    }

    @Override
    int length() {
      return present.length;
    }
  }

  /** A partial object per tile, created on its first update. */
  private static final class Boxed extends PartialArray {
    private final int tiles;

    Boxed(Aggregator aggregator, int tiles) {
      super(aggregator);
      this.tiles = tiles;
    }

    @Override
    boolean addBoxed(int t, Object value) {
      return false;
    }

    @Override
    boolean addLong(int t, long value) {
      return false;
    }

    @Override
    boolean addDouble(int t, double value) {
      return false;
    }

    @Override
    boolean addMicros(int t, long valueMicros) {
      return false;
    }

    @Override
    PartialAggregate fromState(int t) {
      return aggregator.empty();
    }

    @Override
    int length() {
      return tiles;
    }
  }
}
