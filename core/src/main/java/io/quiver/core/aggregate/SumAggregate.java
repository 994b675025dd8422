package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.value.BinaryWriter;
import java.time.Instant;

/**
 * SUM and MEAN: a count and a sum, kept as a {@code long} for integer columns (wrapping on
 * overflow, so merging stays associative) and as a {@code double} for FLOAT and DOUBLE columns.
 */
final class SumAggregate extends PartialAggregate {
  private final Aggregator aggregator;
  private final boolean integral;
  private long count;
  private long longSum;
  private double doubleSum;

  SumAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
    this.integral =
        aggregator.column() == ValueType.INT32 || aggregator.column() == ValueType.INT64;
  }

  SumAggregate(Aggregator aggregator, long count, long longSum, double doubleSum) {
    this(aggregator);
    this.count = count;
    this.longSum = longSum;
    this.doubleSum = doubleSum;
  }

  boolean integral() {
    return integral;
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    count++;
    if (integral) {
      longSum += ((Number) value).longValue();
    } else {
      doubleSum += ((Number) value).doubleValue();
    }
  }

  // The casts are Long.doubleValue and Double.longValue, so the sums equal the boxed path's;
  // addMicros keeps the default, failing on the Instant as add does.
  @Override
  void addLong(long eventMicros, long createdMicros, long value) {
    count++;
    if (integral) {
      longSum += value;
    } else {
      doubleSum += (double) value;
    }
  }

  @Override
  void addDouble(long eventMicros, long createdMicros, double value) {
    count++;
    if (integral) {
      longSum += (long) value;
    } else {
      doubleSum += value;
    }
  }

  @Override
  void mergeSame(PartialAggregate other) {
    SumAggregate o = (SumAggregate) other;
    count += o.count;
    longSum += o.longSum;
    doubleSum += o.doubleSum;
  }

  @Override
  public Object result() {
    if (count == 0) {
      return null;
    }
    double sum = integral ? (double) longSum : oneNaN(doubleSum);
    if (aggregator.function() == AggregationFunction.MEAN) {
      return oneNaN(sum / count);
    }
    return integral ? (Object) longSum : (Object) sum;
  }

  /**
   * {@code d}, with any NaN as {@link Double#NaN}. Which NaN an addition of two NaNs (or of -inf
   * and inf) gives is left to the JVM, and the interpreter and the JIT choose differently, so
   * without this equal folds could encode to different bytes.
   */
  private static double oneNaN(double d) {
    return Double.isNaN(d) ? Double.NaN : d;
  }

  @Override
  public boolean isEmpty() {
    return count == 0;
  }

  @Override
  public Aggregator aggregator() {
    return aggregator;
  }

  @Override
  void writePayload(BinaryWriter out) {
    out.writeVarLong(count);
    if (integral) {
      out.writeZigZag(longSum);
    } else {
      out.writeDouble(oneNaN(doubleSum));
    }
  }
}
