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

  MinMaxAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
    this.sign = aggregator.function() == AggregationFunction.MIN ? -1 : 1;
  }

  MinMaxAggregate(Aggregator aggregator, Object best) {
    this(aggregator);
    this.best = best;
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    offer(value);
  }

  /*
   * The primitive adds compare against the unboxed best and box only a value that replaces it,
   * which over unordered values is rare. With no best, or a best of another class, they box and
   * offer, so the state and any ClassCastException are the boxed path's. The best itself stays
   * the one boxed field, so merge, decode and boxed updates need no second copy kept in step.
   */

  @Override
  void addLong(long eventMicros, long createdMicros, long value) {
    if (best instanceof Long b) {
      if (Integer.signum(Long.compare(value, b)) == sign) {
        best = value;
      }
    } else {
      offer(value);
    }
  }

  @Override
  void addDouble(long eventMicros, long createdMicros, double value) {
    if (best instanceof Double b) {
      if (Integer.signum(Double.compare(value, b)) == sign) { // Double.compareTo's order
        best = value;
      }
    } else {
      offer(value);
    }
  }

  @Override
  void addMicros(long eventMicros, long createdMicros, long valueMicros) {
    if (best instanceof Instant b) {
      // Instant.compareTo's order, seconds then nanos, on EpochMicros.toInstant's split: exact
      // even against a best with sub-microsecond nanos or beyond the microsecond range
      int c = Long.compare(Math.floorDiv(valueMicros, 1_000_000L), b.getEpochSecond());
      if (c == 0) {
        c = Integer.compare(Math.floorMod(valueMicros, 1_000_000) * 1_000, b.getNano());
      }
      if (Integer.signum(c) == sign) {
        best = EpochMicros.toInstant(valueMicros);
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
      best = v;
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
