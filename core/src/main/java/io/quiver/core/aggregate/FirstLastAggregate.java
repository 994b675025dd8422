package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.ValueCodec;
import java.time.Instant;
import java.util.Arrays;

/**
 * FIRST and LAST: the value of the least (FIRST) or greatest (LAST) event by {@code (event_time,
 * created_timestamp)}. Two events equal in both times are ordered by their values' encoded bytes,
 * so the result never depends on the order rows were read in.
 */
final class FirstLastAggregate extends PartialAggregate {
  private final Aggregator aggregator;
  private final int sign;
  private Object value;
  private Instant eventTime;
  private Instant createdTime;

  FirstLastAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
    this.sign = aggregator.function() == AggregationFunction.FIRST ? -1 : 1;
  }

  FirstLastAggregate(Aggregator aggregator, Object value, Instant eventTime, Instant createdTime) {
    this(aggregator);
    this.value = value;
    this.eventTime = eventTime;
    this.createdTime = createdTime;
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    offer(value, eventTime, createdTime);
  }

  @Override
  void mergeSame(PartialAggregate other) {
    FirstLastAggregate o = (FirstLastAggregate) other;
    if (!o.isEmpty()) {
      offer(o.value, o.eventTime, o.createdTime);
    }
  }

  private void offer(Object v, Instant et, Instant ct) {
    if (isEmpty() || Integer.signum(compare(v, et, ct)) == sign) {
      value = v;
      eventTime = et;
      createdTime = ct;
    }
  }

  private int compare(Object v, Instant et, Instant ct) {
    int c = et.compareTo(eventTime);
    if (c == 0) {
      c = ct.compareTo(createdTime);
    }
    if (c == 0) {
      c =
          Arrays.compareUnsigned(
              ValueCodec.encode(aggregator.column(), v),
              ValueCodec.encode(aggregator.column(), value));
    }
    return c;
  }

  @Override
  public Object result() {
    return value;
  }

  @Override
  public boolean isEmpty() {
    return eventTime == null;
  }

  @Override
  public Aggregator aggregator() {
    return aggregator;
  }

  /** The value, then (when present) event and created time as zigzag epoch microseconds. */
  @Override
  void writePayload(BinaryWriter out) {
    ValueCodec.write(out, aggregator.column(), value);
    if (!isEmpty()) {
      out.writeZigZag(EpochMicros.of(eventTime)).writeZigZag(EpochMicros.of(createdTime));
    }
  }
}
