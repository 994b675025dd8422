package io.quiver.core.aggregate;

import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.ValueCodec;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * COUNT_DISTINCT, exact: the set of distinct non-null values (by {@code equals}; BYTES by content;
 * -0.0 and 0.0 are distinct, as are NaN and numbers). Its size is the result.
 */
final class DistinctAggregate extends PartialAggregate {
  private final Aggregator aggregator;
  private final Set<Object> seen = new HashSet<>();

  DistinctAggregate(Aggregator aggregator) {
    this.aggregator = aggregator;
  }

  DistinctAggregate(Aggregator aggregator, Collection<?> values) {
    this(aggregator);
    values.forEach(v -> seen.add(key(v)));
  }

  @Override
  void add(Instant eventTime, Instant createdTime, Object value) {
    seen.add(key(value));
  }

  @Override
  void mergeSame(PartialAggregate other) {
    seen.addAll(((DistinctAggregate) other).seen);
  }

  /** byte[] has identity equality; a read-only buffer over a copy compares by content. */
  private static Object key(Object v) {
    return v instanceof byte[] b ? ByteBuffer.wrap(b.clone()).asReadOnlyBuffer() : v;
  }

  private static Object value(Object key) {
    if (key instanceof ByteBuffer b) {
      byte[] out = new byte[b.remaining()];
      b.duplicate().get(out);
      return out;
    }
    return key;
  }

  @Override
  public Object result() {
    return seen.isEmpty() ? null : (long) seen.size();
  }

  @Override
  public boolean isEmpty() {
    return seen.isEmpty();
  }

  @Override
  public Aggregator aggregator() {
    return aggregator;
  }

  /** A count, then each value encoded, sorted by encoding so equal sets give equal bytes. */
  @Override
  void writePayload(BinaryWriter out) {
    List<byte[]> encoded = new ArrayList<>(seen.size());
    for (Object k : seen) {
      encoded.add(ValueCodec.encode(aggregator.column(), value(k)));
    }
    encoded.sort(Arrays::compareUnsigned);
    out.writeVarLong(encoded.size());
    for (byte[] e : encoded) {
      out.writeRaw(e, 1); // skip each encoding's version byte: the state carries one
    }
  }
}
