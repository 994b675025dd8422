package io.quiver.serving.app;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.EntityKeyCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The entity-key bytes of every row for one view's join keys: each key found in the row under its
 * caller name (a feature service's {@code joinKeyMap} may rename it) and checked against its
 * declared type, so a missing or mistyped key fails the request naming the key and the row.
 */
final class EntityKeys {
  private EntityKeys() {}

  static List<byte[]> encode(
      List<Field> joinKeys,
      Map<String, String> keyMap,
      List<Map<String, Object>> rows,
      String view) {
    if (joinKeys.isEmpty()) {
      throw new InvalidRequestException("feature view '" + view + "' has no join keys");
    }
    int n = joinKeys.size();
    List<ValueType> types = new ArrayList<>(n);
    String[] names = new String[n];
    for (int k = 0; k < n; k++) {
      Field key = joinKeys.get(k);
      types.add(key.type());
      names[k] = keyMap.getOrDefault(key.name(), key.name());
    }
    List<byte[]> out = new ArrayList<>(rows.size());
    Object[] values = new Object[n];
    for (int row = 0; row < rows.size(); row++) {
      Map<String, Object> entityRow = rows.get(row);
      for (int k = 0; k < n; k++) {
        values[k] = check(types.get(k), names[k], entityRow.get(names[k]), row, view);
      }
      out.add(EntityKeyCodec.encode(types, Arrays.asList(values)));
    }
    return out;
  }

  private static Object check(ValueType type, String name, Object value, int row, String view) {
    if (value == null) {
      throw new InvalidRequestException(
          "entity row "
              + row
              + " has no join key '"
              + name
              + "' (needed by feature view '"
              + view
              + "')");
    }
    if (type == ValueType.INT64 && (value instanceof Long || value instanceof Integer)) {
      return ((Number) value).longValue();
    }
    if (type == ValueType.STRING && value instanceof String) {
      return value;
    }
    throw new InvalidRequestException(
        "join key '"
            + name
            + "' in entity row "
            + row
            + " must be "
            + type
            + ", got "
            + value.getClass().getSimpleName()
            + " "
            + value);
  }
}
