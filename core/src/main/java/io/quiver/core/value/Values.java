package io.quiver.core.value;

import io.quiver.core.model.ValueType;
import java.time.Instant;
import java.util.List;

/**
 * The canonical in-memory form of feature values, the one every store, codec and aggregate uses.
 *
 * <table>
 *   <caption>Canonical Java type per {@link ValueType}; {@code null} is the null value</caption>
 *   <tr><td>BOOL</td><td>{@link Boolean}</td></tr>
 *   <tr><td>INT32 / INT64</td><td>{@link Integer} / {@link Long}</td></tr>
 *   <tr><td>FLOAT / DOUBLE</td><td>{@link Float} / {@link Double}</td></tr>
 *   <tr><td>STRING / BYTES</td><td>{@link String} / {@code byte[]}</td></tr>
 *   <tr><td>TIMESTAMP</td><td>{@link Instant}, UTC, microsecond precision</td></tr>
 *   <tr><td>FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST</td>
 *       <td>unmodifiable {@code List} of Float, Double, Long, String; no null elements</td></tr>
 * </table>
 */
public final class Values {
  private Values() {}

  /**
   * Checks that {@code value} already has the canonical Java type of {@code type} and returns it in
   * canonical form: timestamps truncated to microseconds, lists copied unmodifiable.
   *
   * @throws InvalidValueException naming the type and the value otherwise
   */
  public static Object check(ValueType type, Object value) {
    if (value == null) {
      return null;
    }
    if (!expectedClass(type).isInstance(value)) {
      throw new InvalidValueException(
          type, value, "expected a " + expectedClass(type).getSimpleName());
    }
    return switch (type) {
      case TIMESTAMP -> checkTimestamp((Instant) value);
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST -> checkList(type, (List<?>) value);
      default -> value;
    };
  }

  /**
   * Reads loosely typed input (JSON, CSV, JDBC, Parquet readers) as a canonical value: numbers of
   * any boxed type or decimal strings for numeric types (integers must be exact and in range),
   * {@code true}/{@code false} for BOOL, ISO-8601 text or {@code java.time}/{@code java.util.Date}
   * values for TIMESTAMP (text without an offset is read as UTC), base64 text or a ByteBuffer for
   * BYTES, and collections or arrays of coercible elements for lists.
   *
   * @throws InvalidValueException naming the type and the value when it cannot be read
   */
  public static Object coerce(ValueType type, Object value) {
    return value == null ? null : Coercion.coerce(type, value);
  }

  /** The element type of a list type, e.g. INT64 for INT64_LIST. */
  public static ValueType elementType(ValueType listType) {
    return switch (listType) {
      case FLOAT_LIST -> ValueType.FLOAT;
      case DOUBLE_LIST -> ValueType.DOUBLE;
      case INT64_LIST -> ValueType.INT64;
      case STRING_LIST -> ValueType.STRING;
      default -> throw new IllegalArgumentException(listType + " is not a list type");
    };
  }

  static Class<?> expectedClass(ValueType type) {
    return switch (type) {
      case BOOL -> Boolean.class;
      case INT32 -> Integer.class;
      case INT64 -> Long.class;
      case FLOAT -> Float.class;
      case DOUBLE -> Double.class;
      case STRING -> String.class;
      case BYTES -> byte[].class;
      case TIMESTAMP -> Instant.class;
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST -> List.class;
    };
  }

  private static Instant checkTimestamp(Instant t) {
    try {
      EpochMicros.of(t);
    } catch (ArithmeticException e) {
      throw new InvalidValueException(ValueType.TIMESTAMP, t, "outside the microsecond range");
    }
    return EpochMicros.truncate(t);
  }

  private static List<?> checkList(ValueType type, List<?> list) {
    Class<?> element = expectedClass(elementType(type));
    for (Object e : list) {
      if (!element.isInstance(e)) {
        throw new InvalidValueException(
            type, list, "every element must be a non-null " + element.getSimpleName());
      }
    }
    return List.copyOf(list);
  }
}
