package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryWriter;
import java.time.Instant;

/** COUNT of non-null values; the column type does not matter to it. */
final class CountAggregate extends PartialAggregate {
  private final Aggregator aggregator;
  private long count;

  CountAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
  }

  CountAggregate(Aggregator aggregator, long count) {
    this(aggregator);
    this.count = count;
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    count++;
  }

  // Counting needs neither the times nor the value.
  @Override
  void addLong(long eventMicros, long createdMicros, long value) {
    count++;
  }

  @Override
  void addDouble(long eventMicros, long createdMicros, double value) {
    count++;
  }

  @Override
  void addMicros(long eventMicros, long createdMicros, long valueMicros) {
    count++;
  }

  @Override
  void mergeSame(PartialAggregate other) {
    count += ((CountAggregate) other).count;
  }

  @Override
  public Object result() {
    return count == 0 ? null : count;
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
  }
}
