package io.quiver.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the services are: a {@code QUIVER_*} environment variable, else the line {@code dev up}
 * wrote to {@code $QUIVER_HOME/dev/stack.env}, else the standard port on 127.0.0.1.
 */
public final class Endpoints {
  public static final String REGISTRY = "QUIVER_REGISTRY_URL";
  public static final String MATERIALIZER = "QUIVER_MATERIALIZER_URL";
  public static final String ONLINE_SERVING = "QUIVER_ONLINE_SERVING_URL";
  public static final String ONLINE_SERVING_GRPC = "QUIVER_ONLINE_SERVING_GRPC";
  public static final String OFFLINE_EXPORT = "QUIVER_OFFLINE_EXPORT_URL";
  public static final String DATA_ROOT = "QUIVER_DATA_ROOT";

  private static final Map<String, String> DEFAULTS =
      Map.of(
          REGISTRY, "http://127.0.0.1:8080",
          MATERIALIZER, "http://127.0.0.1:8081",
          ONLINE_SERVING, "http://127.0.0.1:8082",
          ONLINE_SERVING_GRPC, "127.0.0.1:6566",
          OFFLINE_EXPORT, "http://127.0.0.1:8083");

  private final Map<String, String> values;

  private Endpoints(Map<String, String> values) {
    this.values = values;
  }

  /** The process environment over the stack file over the defaults. */
  public static Endpoints load() {
    return load(System.getenv());
  }

  public static Endpoints load(Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    values.putAll(readEnvFile(stackEnv(env)));
    env.forEach(
        (k, v) -> {
          if (k.startsWith("QUIVER_") && !v.isBlank()) {
            values.put(k, v);
          }
        });
    return new Endpoints(values);
  }

  /** {@code $QUIVER_HOME}, default {@code ~/.quiver}. */
  public static Path home(Map<String, String> env) {
    String home = env.get("QUIVER_HOME");
    return home != null && !home.isBlank()
        ? Path.of(home).toAbsolutePath()
        : Path.of(System.getProperty("user.home"), ".quiver");
  }

  public static Path stackEnv(Map<String, String> env) {
    return home(env).resolve("dev").resolve("stack.env");
  }

  public URI registry() {
    return URI.create(values.get(REGISTRY));
  }

  public URI materializer() {
    return URI.create(values.get(MATERIALIZER));
  }

  /** {@code host:port} of the gRPC server. */
  public String onlineServingGrpc() {
    return values.get(ONLINE_SERVING_GRPC);
  }

  public URI offlineExport() {
    return URI.create(values.get(OFFLINE_EXPORT));
  }

  /** A value by its variable name, or null. */
  public String get(String variable) {
    return values.get(variable);
  }

  /**
   * {@code KEY=VALUE} lines; blank lines and {@code #} comments skipped; a missing file is empty.
   */
  public static Map<String, String> readEnvFile(Path file) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    try {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (!line.isBlank() && !line.startsWith("#") && eq > 0) {
          out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }
}
