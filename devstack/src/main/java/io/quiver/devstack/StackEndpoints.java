package io.quiver.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the servers are, in the shape every service and the CLI read: {@code QUIVER_*} variables. A
 * component that was neither started nor configured is null.
 */
public record StackEndpoints(
    JdbcUrl postgres, JdbcUrl catalog, String redisUrl, String kafkaBootstrap, String warehouse) {

  public static final String POSTGRES_URL = "QUIVER_POSTGRES_URL";
  public static final String CATALOG_URL = "QUIVER_CATALOG_URL";
  public static final String REDIS_URL = "QUIVER_REDIS_URL";
  public static final String KAFKA_BOOTSTRAP = "QUIVER_KAFKA_BOOTSTRAP";
  public static final String WAREHOUSE = "QUIVER_WAREHOUSE";

  /** Reads the {@code QUIVER_*} variables; absent ones stay null. */
  public static StackEndpoints fromEnv(Map<String, String> env) {
    return new StackEndpoints(
        jdbc(env.get(POSTGRES_URL)),
        jdbc(env.get(CATALOG_URL)),
        env.get(REDIS_URL),
        env.get(KAFKA_BOOTSTRAP),
        env.get(WAREHOUSE));
  }

  /** The {@code QUIVER_*} variables, only those that are set, in a stable order. */
  public Map<String, String> toEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    putIfSet(env, POSTGRES_URL, postgres == null ? null : postgres.withCredentials());
    putIfSet(env, CATALOG_URL, catalog == null ? null : catalog.withCredentials());
    putIfSet(env, REDIS_URL, redisUrl);
    putIfSet(env, KAFKA_BOOTSTRAP, kafkaBootstrap);
    putIfSet(env, WAREHOUSE, warehouse);
    return env;
  }

  /** Writes {@code KEY=VALUE} lines, e.g. to {@code $QUIVER_HOME/dev/stack.env}. */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    List<String> lines =
        toEnv().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    Path partial = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(partial, lines);
    // A reader never sees half a file.
    Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a file written by {@link #write}; blank lines and {@code #} comments are skipped. */
  public static StackEndpoints read(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int equals = line.indexOf('=');
      if (!line.isBlank() && !line.startsWith("#") && equals > 0) {
        env.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
      }
    }
    return fromEnv(env);
  }

  StackEndpoints merge(StackEndpoints other) {
    return new StackEndpoints(
        postgres != null ? postgres : other.postgres,
        catalog != null ? catalog : other.catalog,
        redisUrl != null ? redisUrl : other.redisUrl,
        kafkaBootstrap != null ? kafkaBootstrap : other.kafkaBootstrap,
        warehouse != null ? warehouse : other.warehouse);
  }

  private static JdbcUrl jdbc(String value) {
    return value == null || value.isBlank() ? null : JdbcUrl.parse(value);
  }

  private static void putIfSet(Map<String, String> env, String key, String value) {
    if (value != null) {
      env.put(key, value);
    }
  }
}
