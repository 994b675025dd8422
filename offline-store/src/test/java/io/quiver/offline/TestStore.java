package io.quiver.offline;

import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.StackEndpoints;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** One offline store per test JVM over the devstack's real PostgreSQL; a fresh project per test. */
final class TestStore {
  private static final AtomicInteger PROJECTS = new AtomicInteger();
  private static IcebergOfflineStore store;

  private TestStore() {}

  static synchronized IcebergOfflineStore store() {
    if (store == null) {
      StackEndpoints stack = DevStack.shared(EnumSet.of(Component.POSTGRES));
      store = IcebergOfflineStore.open(stack.catalog().withCredentials(), stack.warehouse());
    }
    return store;
  }

  static String newProject() {
    return "project_" + PROJECTS.incrementAndGet();
  }

  static Instant at(String iso) {
    return Instant.parse(iso);
  }

  /** A row as a map keyed by column name, byte[] as hex so that maps compare by content. */
  static Map<String, Object> comparable(List<Column> columns, Object[] row) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      map.put(columns.get(i).name(), comparable(row[i]));
    }
    return map;
  }

  static Map<String, Object> comparable(Map<String, Object> row) {
    Map<String, Object> map = new LinkedHashMap<>();
    row.forEach((name, value) -> map.put(name, comparable(value)));
    return map;
  }

  private static Object comparable(Object value) {
    return value instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : value;
  }

  static List<Object[]> rows(Object[]... rows) {
    return List.of(rows);
  }

  static Object[] row(Object... values) {
    return Arrays.copyOf(values, values.length);
  }
}
