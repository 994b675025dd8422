package io.quiver.offline;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.iceberg.types.Types;

/**
 * Canonical Java values (io.quiver.core.value) to Iceberg's internal ones, and generic ones back.
 * The write side converts to the table's stored type, so an Integer lands in a column widened to
 * long.
 */
final class ValueConverters {
  private ValueConverters() {}

  /**
   * To Iceberg's internal representation, which its Parquet writer takes without conversion:
   * timestamps as epoch microseconds, binary as ByteBuffer. (The generic representation's
   * OffsetDateTime cost a conversion each way per value: the hottest spot of an append.)
   */
  static UnaryOperator<Object> toInternal(Types.NestedField field) {
    String name = field.name();
    return switch (field.type().typeId()) {
      case BOOLEAN -> v -> expect(name, v, Boolean.class);
      case INTEGER -> v -> expect(name, v, Integer.class);
      case LONG ->
          v -> v instanceof Integer i ? (Object) i.longValue() : expect(name, v, Long.class);
      case FLOAT -> v -> expect(name, v, Float.class);
      case DOUBLE ->
          v -> v instanceof Float f ? (Object) f.doubleValue() : expect(name, v, Double.class);
      case STRING -> v -> expect(name, v, String.class);
      case BINARY -> v -> ByteBuffer.wrap(expect(name, v, byte[].class));
      case TIMESTAMP -> v -> micros(expect(name, v, Instant.class));
      case LIST -> v -> internalList(expect(name, v, List.class));
      default -> throw new IllegalStateException("unsupported column type " + field);
    };
  }

  private static long micros(Instant t) {
    return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
  }

  private static List<Object> internalList(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object v : list) {
      out.add(v instanceof Instant t ? micros(t) : v instanceof byte[] b ? ByteBuffer.wrap(b) : v);
    }
    return out;
  }

  /** An Iceberg generic value read back as the canonical Java value. */
  static Object fromIceberg(Object value) {
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] bytes = new byte[buffer.remaining()];
      buffer.duplicate().get(bytes);
      return bytes;
    }
    return value;
  }

  private static <T> T expect(String column, Object value, Class<T> type) {
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(
          "column "
              + column
              + " expects "
              + type.getSimpleName()
              + ", got "
              + value.getClass().getSimpleName()
              + " "
              + value);
    }
    return type.cast(value);
  }
}
