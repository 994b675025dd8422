package io.quiver.core.quality;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.Base64;

/** Values and numbers as short text for reports. */
final class ValueText {
  private static final int MAX_CHARS = 100;

  private ValueText() {}

  static String of(Object value) {
    String text;
    if (value instanceof byte[] b) {
      text = "base64:" + Base64.getEncoder().encodeToString(b);
    } else {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS - 3) + "...";
  }

  /** A number without a spurious ".0"; epoch microseconds as an instant for TIMESTAMP columns. */
  static String number(ValueType type, double x) {
    if (type == ValueType.TIMESTAMP) {
      Instant t = EpochMicros.toInstant((long) x);
      return t.toString();
    }
    return number(x);
  }

  static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return Double.toString(x);
  }
}
