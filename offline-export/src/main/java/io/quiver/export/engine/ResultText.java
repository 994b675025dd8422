package io.quiver.export.engine;

import io.quiver.core.model.ValueType;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.Values;
import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Values crossing between DuckDB and the Java aggregation code. In: JDBC objects to canonical
 * values. Out: one text form per type (numbers as Java prints them, timestamps as epoch
 * microseconds, bytes as base64, lists as JSON arrays), which {@link #readBack} casts back in SQL.
 */
final class ResultText {
  private ResultText() {}

  static Object canonical(ValueType type, Object jdbc) throws SQLException {
    if (jdbc == null) {
      return null;
    }
    if (jdbc instanceof Array array) {
      return Values.coerce(type, array.getArray());
    }
    if (jdbc instanceof Blob blob) {
      return Values.coerce(type, blob.getBytes(1, (int) blob.length()));
    }
    return Values.coerce(type, jdbc);
  }

  static String encode(ValueType type, Object value) {
    if (value == null) {
      return null;
    }
    return switch (type) {
      case TIMESTAMP -> Long.toString(EpochMicros.of((Instant) value));
      case BYTES -> Base64.getEncoder().encodeToString((byte[]) value);
      case STRING_LIST ->
          ((List<?>) value)
              .stream().map(v -> quote((String) v)).collect(Collectors.joining(",", "[", "]"));
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST ->
          ((List<?>) value)
              .stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
      default -> String.valueOf(value);
    };
  }

  /** The SQL turning the text column {@code column} back into its type. */
  static String readBack(ValueType type, String column) {
    return switch (type) {
      case TIMESTAMP -> "make_timestamp(CAST(" + column + " AS BIGINT))::TIMESTAMPTZ";
      case BYTES -> "from_base64(" + column + ")";
      case FLOAT_LIST, DOUBLE_LIST, INT64_LIST, STRING_LIST ->
          "from_json(" + column + ", '[\"" + element(type) + "\"]')";
      default -> "CAST(" + column + " AS " + DuckDbTypes.of(type) + ")";
    };
  }

  private static String element(ValueType list) {
    String t = DuckDbTypes.of(list);
    return t.substring(0, t.length() - 2);
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char ch : s.toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
