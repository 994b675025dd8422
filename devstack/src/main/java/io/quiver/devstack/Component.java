package io.quiver.devstack;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A server the devstack can start. Each costs startup time, so callers ask only for theirs. */
public enum Component {
  POSTGRES,
  REDIS,
  KAFKA;

  /** Parses a comma-separated list such as {@code "postgres,redis"}; blank means none. */
  public static Set<Component> parseList(String list) {
    Set<Component> components = EnumSet.noneOf(Component.class);
    Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(name -> !name.isEmpty())
        .forEach(name -> components.add(parse(name)));
    return components;
  }

  static Component parse(String name) {
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown devstack component '" + name + "', expected postgres, redis or kafka", e);
    }
  }
}
