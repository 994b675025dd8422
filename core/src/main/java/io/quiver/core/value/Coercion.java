package io.quiver.core.value;

import io.quiver.core.model.ValueType;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** The rules behind {@link Values#coerce}; one method per target type. */
final class Coercion {
  private Coercion() {}

  static Object coerce(ValueType type, Object value) {
    try {
      Object result =
          switch (type) {
            case BOOL -> toBool(value);
            case INT32 -> Math.toIntExact(toExactLong(value));
            case INT64 -> toExactLong(value);
            case FLOAT -> toFloat(value);
            case DOUBLE -> toDouble(value);
            case STRING -> (String) value;
            case BYTES -> toBytes(value);
            case TIMESTAMP -> toInstant(value);
            case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST -> toList(type, value);
          };
      return Values.check(type, result);
    } catch (InvalidValueException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidValueException(
          type, value, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Boolean toBool(Object value) {
    if (value instanceof String s) {
      if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
        return Boolean.valueOf(s);
      }
      throw new IllegalArgumentException("expected true or false");
    }
    return (Boolean) value;
  }

  /** Any number or decimal text whose value is a whole number in the long range. */
  private static long toExactLong(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    BigDecimal exact =
        value instanceof String s ? new BigDecimal(s.trim()) : new BigDecimal(value.toString());
    return exact.longValueExact();
  }

  private static Float toFloat(Object value) {
    double d = toDouble(value);
    float f = (float) d;
    if (Float.isInfinite(f) && !Double.isInfinite(d)) {
      throw new IllegalArgumentException("out of the FLOAT range");
    }
    return f;
  }

  private static Double toDouble(Object value) {
    if (value instanceof String s) {
      return Double.parseDouble(s.trim());
    }
    return ((Number) value).doubleValue();
  }

  private static byte[] toBytes(Object value) {
    if (value instanceof String s) {
      return Base64.getDecoder().decode(s);
    }
    if (value instanceof ByteBuffer b) {
      byte[] copy = new byte[b.remaining()];
      b.duplicate().get(copy);
      return copy;
    }
    return (byte[]) value;
  }

  private static Instant toInstant(Object value) {
    if (value instanceof String s) {
      return parseInstant(s.trim());
    }
    if (value instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (value instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof Date d) {
      return d.toInstant();
    }
    return (Instant) value;
  }

  private static Instant parseInstant(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException withoutOffset) {
      return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    }
  }

  private static List<Object> toList(ValueType type, Object value) {
    ValueType element = Values.elementType(type);
    List<Object> out = new ArrayList<>();
    if (value instanceof Collection<?> c) {
      for (Object e : c) {
        out.add(coerceElement(element, e));
      }
    } else if (value.getClass().isArray()) {
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(coerceElement(element, Array.get(value, i)));
      }
    } else {
      throw new IllegalArgumentException("expected a list or an array");
    }
    return out;
  }

  private static Object coerceElement(ValueType element, Object e) {
    if (e == null) {
      throw new IllegalArgumentException("list elements may not be null");
    }
    return coerce(element, e);
  }
}
