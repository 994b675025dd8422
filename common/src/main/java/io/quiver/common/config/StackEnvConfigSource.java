package io.quiver.common.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Local mode: the endpoints the devstack started, read from {@code $QUIVER_HOME/dev/stack.env}
 * ({@code QUIVER_POSTGRES_URL=...} lines) as {@code quiver.postgres-url} and friends. Its ordinal
 * sits above application.properties (250) and below environment variables (300), so an explicit
 * {@code QUIVER_*} variable always wins and a file left from an old stack never hides one.
 */
public class StackEnvConfigSource implements ConfigSource {
  static final int ORDINAL = 275;
  private final Map<String, String> properties;

  public StackEnvConfigSource() {
    this(stackEnv(System.getenv()));
  }

  StackEnvConfigSource(Path file) {
    this.properties = read(file);
  }

  /** {@code $QUIVER_HOME/dev/stack.env}, QUIVER_HOME defaulting to {@code ~/.quiver}. */
  static Path stackEnv(Map<String, String> env) {
    String home = env.get("QUIVER_HOME");
    Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".quiver");
    return base.resolve("dev").resolve("stack.env");
  }

  static Map<String, String> read(Path file) {
    Map<String, String> out = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (line.startsWith("QUIVER_") && eq > 0) {
          out.put(propertyName(line.substring(0, eq)), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** {@code QUIVER_POSTGRES_URL} → {@code quiver.postgres-url}. */
  static String propertyName(String variable) {
    String rest = variable.substring("QUIVER_".length()).toLowerCase(Locale.ROOT);
    return "quiver." + rest.replace('_', '-');
  }

  @Override
  public Map<String, String> getProperties() {
    return properties;
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "quiver-stack-env";
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }
}
