package io.quiver.core.aggregate;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.value.BinaryReader;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.ValueCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * The versioned bytes of a {@link PartialAggregate}, for tiles in Redis and Iceberg.
 *
 * <p>Version 1: {@code [version=0x01][function][payload]}, function COUNT=1, SUM=2, MEAN=3, MIN=4,
 * MAX=5, FIRST=6, LAST=7, COUNT_DISTINCT=8. Values inside are {@link ValueCodec} tag and payload
 * (no version byte), so they widen on read like any value. Payloads: COUNT a varint count; SUM and
 * MEAN a varint count then the sum (zigzag varint for integer columns, 8-byte double otherwise);
 * MIN and MAX the value (null tag when empty); FIRST and LAST the value, then when not null the
 * event and created times as zigzag epoch microseconds; COUNT_DISTINCT a varint count and the
 * values sorted by their encoding, so equal states have equal bytes.
 */
public final class PartialAggregateCodec {
  public static final int VERSION = 1;

  private static final List<AggregationFunction> FUNCTIONS =
      List.of(
          AggregationFunction.COUNT,
          AggregationFunction.SUM,
          AggregationFunction.MEAN,
          AggregationFunction.MIN,
          AggregationFunction.MAX,
          AggregationFunction.FIRST,
          AggregationFunction.LAST,
          AggregationFunction.COUNT_DISTINCT);

  private PartialAggregateCodec() {}

  public static byte[] encode(PartialAggregate state) {
    return encode(state, new BinaryWriter());
  }

  /**
   * {@link #encode(PartialAggregate)} through {@code scratch}, which it resets first: a batch
   * encodes millions of partials, and a fresh writer's buffer for each was most of the encoding's
   * garbage.
   */
  public static byte[] encode(PartialAggregate state, BinaryWriter scratch) {
    BinaryWriter out = scratch.reset().writeByte(VERSION);
    out.writeByte(tag(state.aggregator().function()));
    state.writePayload(out);
    return out.toByteArray();
  }

  private static int tag(AggregationFunction function) {
    return FUNCTIONS.indexOf(function) + 1;
  }

  /**
   * Decodes a state written by {@link #encode} for {@code aggregator}, whose column may be a
   * widening of the stored one (INT32 to INT64, FLOAT to DOUBLE).
   *
   * @throws IllegalArgumentException for an unknown version, another function, or malformed bytes
   */
  public static PartialAggregate decode(byte[] bytes, Aggregator aggregator) {
    BinaryReader in = new BinaryReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown partial aggregate format version " + version);
    }
    int tag = in.readByte();
    if (tag != tag(aggregator.function())) {
      throw new IllegalArgumentException(
          "function tag " + tag + " is not " + aggregator.function().wireName());
    }
    PartialAggregate state = readPayload(in, aggregator);
    in.requireEnd();
    return state;
  }

  private static PartialAggregate readPayload(BinaryReader in, Aggregator a) {
    return switch (a.function()) {
      case COUNT -> new CountAggregate(a, in.readVarLong());
      case SUM, MEAN -> readSum(in, a);
      case MIN, MAX -> new MinMaxAggregate(a, ValueCodec.read(in, a.column()));
      case FIRST, LAST -> readFirstLast(in, a);
      case COUNT_DISTINCT -> readDistinct(in, a);
    };
  }

  private static PartialAggregate readSum(BinaryReader in, Aggregator a) {
    SumAggregate empty = new SumAggregate(a);
    long count = in.readVarLong();
    return empty.integral()
        ? new SumAggregate(a, count, in.readZigZag(), 0)
        : new SumAggregate(a, count, 0, in.readDouble());
  }

  private static PartialAggregate readFirstLast(BinaryReader in, Aggregator a) {
    Object value = ValueCodec.read(in, a.column());
    if (value == null) {
      return new FirstLastAggregate(a);
    }
    return new FirstLastAggregate(
        a, value, EpochMicros.toInstant(in.readZigZag()), EpochMicros.toInstant(in.readZigZag()));
  }

  private static PartialAggregate readDistinct(BinaryReader in, Aggregator a) {
    int n = in.readLength();
    List<Object> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      values.add(ValueCodec.read(in, a.column()));
    }
    return new DistinctAggregate(a, values);
  }
}
