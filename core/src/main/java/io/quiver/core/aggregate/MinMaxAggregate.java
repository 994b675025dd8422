package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.value.BinaryWriter;
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
