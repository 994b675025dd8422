package io.quiver.devstack;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which servers to run, and the environment that may point some of them elsewhere: a set {@code
 * QUIVER_*} variable means that component is external and not started.
 */
public record DevStackOptions(Set<Component> components, Map<String, String> env) {

  public DevStackOptions {
    components =
        components.isEmpty() ? EnumSet.noneOf(Component.class) : EnumSet.copyOf(components);
    env = Map.copyOf(env);
  }

  /** The given components, with external services taken from the process environment. */
  public static DevStackOptions of(Set<Component> components) {
    return new DevStackOptions(components, System.getenv());
  }

  public static DevStackOptions all() {
    return of(EnumSet.allOf(Component.class));
  }

  /** The same components with another environment; {@code Map.of()} always starts local servers. */
  public DevStackOptions withEnv(Map<String, String> newEnv) {
    return new DevStackOptions(components, newEnv);
  }

  String home() {
    return env.getOrDefault("QUIVER_HOME", System.getProperty("user.home") + "/.quiver");
  }
}
