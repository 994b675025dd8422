package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.ValueCodec;
import java.time.Instant;
import java.util.Arrays;

/**
 * MIN and MAX by the column's natural order: numbers and timestamps by value ({@link
 * Double#compareTo}, so NaN is greatest and -0.0 below 0.0), strings by UTF-16 code units, BOOL
 * false before true, BYTES unsigned lexicographically.
 */
final class MinMaxAggregate extends PartialAggregate {
  private final Aggregator aggregator;
  private final int sign;
  private Object best;
  // best's place in its order as a long, when it is a Long, a Double (Double.compare's order as
  // sortable bits) or a whole-microsecond Instant: the primitive adds compare with it and do not
  // read the boxed best, a cache miss per row when millions of tiles are filled at random
  private static final byte NO_KEY = 0;
  private static final byte LONG_KEY = 1;
  private static final byte DOUBLE_KEY = 2;
  private static final byte MICROS_KEY = 3;
  private long bestKey;
  private byte keyKind;

  MinMaxAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
    this.sign = aggregator.function() == AggregationFunction.MIN ? -1 : 1;
  }

  MinMaxAggregate(Aggregator aggregator, Object best) {
    this(aggregator);
    setBest(best);
  }

  private void setBest(Object v) {
    best = v;
    keyKind = NO_KEY;
    if (v instanceof Long n) {
      keyKind = LONG_KEY;
      bestKey = n;
    } else if (v instanceof Double d) {
      keyKind = DOUBLE_KEY;
      bestKey = sortable(d);
    } else if (v instanceof Instant t && t.getNano() % 1_000 == 0) {
      try {
        bestKey = EpochMicros.of(t);
        keyKind = MICROS_KEY;
      } catch (ArithmeticException e) {
        // beyond the microsecond range: compared as an Instant
      }
    }
  }

  /** The double's bits as a long whose signed order is {@link Double#compare}'s. */
  private static long sortable(double d) {
    long bits = Double.doubleToLongBits(d); // one NaN, greatest
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    offer(value);
  }

  /*
   * The primitive adds compare against the best's key and box only a value that replaces it,
   * which over unordered values is rare. With no best, or a best of another class, they box and
   * offer, so the state and any ClassCastException are the boxed path's. Every other change of
   * the best goes through setBest, which keeps the key in step.
   */

  @Override
  void addLong(long eventMicros, long createdMicros, long value) {
    if (keyKind == LONG_KEY) {
      if (Integer.signum(Long.compare(value, bestKey)) == sign) {
        best = value;
        bestKey = value;
      }
    } else {
      offer(value);
    }
  }

  @Override
  void addDouble(long eventMicros, long createdMicros, double value) {
    if (keyKind == DOUBLE_KEY) {
      long key = sortable(value);
      if (Integer.signum(Long.compare(key, bestKey)) == sign) { // Double.compareTo's order
        best = value;
        bestKey = key;
      }
    } else {
      offer(value);
    }
  }

  @Override
  void addMicros(long eventMicros, long createdMicros, long valueMicros) {
    if (keyKind == MICROS_KEY) {
      if (Integer.signum(Long.compare(valueMicros, bestKey)) == sign) {
        best = EpochMicros.toInstant(valueMicros);
        bestKey = valueMicros;
      }
    } else if (best instanceof Instant b) {
      // Instant.compareTo's order, seconds then nanos, on EpochMicros.toInstant's split: exact
      // even against a best with sub-microsecond nanos or beyond the microsecond range
      int c = Long.compare(Math.floorDiv(valueMicros, 1_000_000L), b.getEpochSecond());
      if (c == 0) {
        c = Integer.compare(Math.floorMod(valueMicros, 1_000_000) * 1_000, b.getNano());
      }
      if (Integer.signum(c) == sign) {
        setBest(EpochMicros.toInstant(valueMicros));
      }
    } else {
      offer(EpochMicros.toInstant(valueMicros));
    }
  }

  @Override
  void mergeSame(PartialAggregate other) {
    Object o = ((MinMaxAggregate) other).best;
    if (o != null) {
      offer(o);
    }
  }

  private void offer(Object v) {
    if (best == null || Integer.signum(compare(v, best)) == sign) {
      setBest(v);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof byte[] x) {
      return Arrays.compareUnsigned(x, (byte[]) b);
    }
    return ((Comparable) a).compareTo(b);
  }

  @Override
  public Object result() {
    return best;
  }

  @Override
  public boolean isEmpty() {
    return best == null;
  }

  @Override
  public Aggregator aggregator() {
    return aggregator;
  }

  @Override
  void writePayload(BinaryWriter out) {
    ValueCodec.write(out, aggregator.column(), best);
  }
}
