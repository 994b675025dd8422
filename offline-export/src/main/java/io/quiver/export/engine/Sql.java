package io.quiver.export.engine;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the SQL the engine generates: every name and literal goes through here. */
final class Sql {
  private Sql() {}

  static String ident(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  static String idents(List<String> names, String prefix) {
    return names.stream().map(n -> prefix + ident(n)).collect(Collectors.joining(", "));
  }
}
