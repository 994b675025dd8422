package io.quiver.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Real PostgreSQL, Redis and Kafka on 127.0.0.1 and free ports, for tests and local mode. A
 * component whose {@code QUIVER_*} variable is set is external: used, not started. Closing stops
 * every process this stack started and deletes its folders.
 */
public final class DevStack implements AutoCloseable {
  // A string literal is one object JVM-wide, whichever class loader loaded this class: Quarkus
  // may load DevStack again on a restart, and the shared servers must not start twice.
  private static final String SHARED_LOCK = "io.quiver.devstack.shared";
  private static final String SHARED_PREFIX = SHARED_LOCK + ".";

  private final Map<String, String> env;
  private final Set<Component> requested = EnumSet.noneOf(Component.class);
  private final Map<Component, LocalServer> servers = new EnumMap<>(Component.class);
  // Written by the start threads while ensure() holds this stack's lock.
  private final Map<Component, Duration> startupTimes =
      Collections.synchronizedMap(new EnumMap<>(Component.class));
  private final Path warehouseDir;
  private final Thread shutdownHook = new Thread(this::close, "quiver-devstack-stop");

  private DevStack(Map<String, String> env) {
    this.env = Map.copyOf(env);
    this.warehouseDir =
        env.containsKey(StackEndpoints.WAREHOUSE) ? null : WorkDir.create("warehouse");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the chosen components that are not external; fails whole, stopping what started. */
  public static DevStack start(DevStackOptions options) {
    DevStack stack = new DevStack(options.env());
    try {
      stack.ensure(options.components());
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  /**
   * The JVM-wide stack for tests: started on first use, grown when a caller needs another
   * component, stopped by a shutdown hook. Quarkus restarts reuse the same servers.
   */
  public static StackEndpoints shared(Set<Component> components) {
    synchronized (SHARED_LOCK) {
      Map<String, String> known = sharedEnv();
      if (!components.stream().allMatch(component -> known.containsKey(variable(component)))) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(known); // what another class loader already started counts as external here
        DevStack stack = start(new DevStackOptions(components, env));
        stack
            .endpoints()
            .toEnv()
            .forEach((key, value) -> System.setProperty(SHARED_PREFIX + key, value));
      }
      return StackEndpoints.fromEnv(sharedEnv());
    }
  }

  /** Where the servers are; components neither requested nor started are null. */
  public synchronized StackEndpoints endpoints() {
    StackEndpoints external = StackEndpoints.fromEnv(env);
    JdbcUrl postgres = requested.contains(Component.POSTGRES) ? external.postgres() : null;
    JdbcUrl catalog = requested.contains(Component.POSTGRES) ? catalog(external) : null;
    return new StackEndpoints(
            postgres,
            catalog,
            requested.contains(Component.REDIS) ? external.redisUrl() : null,
            requested.contains(Component.KAFKA) ? external.kafkaBootstrap() : null,
            warehouseDir == null ? external.warehouse() : warehouseDir.toString())
        .merge(localEndpoints());
  }

  /** How long each started component took to answer. */
  public Map<Component, Duration> startupTimes() {
    Map<Component, Duration> copy = new EnumMap<>(Component.class);
    synchronized (startupTimes) {
      copy.putAll(startupTimes);
    }
    return Collections.unmodifiableMap(copy);
  }

  /** The processes this stack started: none of them may outlive {@link #close()}. */
  public synchronized List<ProcessHandle> processes() {
    List<ProcessHandle> processes = new ArrayList<>();
    servers.values().forEach(server -> processes.addAll(server.processes()));
    return processes;
  }

  /** The folders this stack created (servers' and warehouse): all are deleted on close. */
  public synchronized List<Path> folders() {
    List<Path> folders = new ArrayList<>();
    servers.values().forEach(server -> folders.add(server.dir()));
    if (warehouseDir != null) {
      folders.add(warehouseDir);
    }
    return folders;
  }

  @Override
  public synchronized void close() {
    List<Component> started = new ArrayList<>(servers.keySet());
    Collections.reverse(started);
    started.forEach(component -> servers.remove(component).close());
    WorkDir.delete(warehouseDir);
    removeShutdownHook();
  }

  /** Starts the missing components side by side: Kafka's JVM boots while PostgreSQL inits. */
  private synchronized void ensure(Set<Component> components) {
    requested.addAll(components);
    Map<Component, CompletableFuture<LocalServer>> starting = new EnumMap<>(Component.class);
    for (Component component : components) {
      if (!isExternal(component) && !servers.containsKey(component)) {
        starting.put(component, startAsync(component));
      }
    }
    RuntimeException failure = null;
    for (Map.Entry<Component, CompletableFuture<LocalServer>> entry : starting.entrySet()) {
      try {
        servers.put(entry.getKey(), entry.getValue().join());
      } catch (CompletionException e) {
        failure =
            failure == null ? new IllegalStateException(e.getCause().getMessage(), e) : failure;
      }
    }
    if (failure != null) {
      throw failure; // start() closes what did start
    }
  }

  private CompletableFuture<LocalServer> startAsync(Component component) {
    return CompletableFuture.supplyAsync(
        () -> {
          long begin = System.nanoTime();
          LocalServer server = startServer(component);
          startupTimes.put(component, Duration.ofNanos(System.nanoTime() - begin));
          return server;
        },
        task -> new Thread(task, "quiver-devstack-start-" + component).start());
  }

  private boolean isExternal(Component component) {
    String value = env.get(variable(component));
    return value != null && !value.isBlank();
  }

  private static String variable(Component component) {
    return switch (component) {
      case POSTGRES -> StackEndpoints.POSTGRES_URL;
      case REDIS -> StackEndpoints.REDIS_URL;
      case KAFKA -> StackEndpoints.KAFKA_BOOTSTRAP;
    };
  }

  private LocalServer startServer(Component component) {
    return switch (component) {
      case POSTGRES -> LocalPostgres.start();
      case REDIS -> LocalRedis.start(env);
      case KAFKA -> LocalKafka.start();
    };
  }

  /** QUIVER_CATALOG_URL, else the quiver_catalog database next to the services' database. */
  private JdbcUrl catalog(StackEndpoints external) {
    if (external.catalog() != null) {
      return external.catalog();
    }
    return external.postgres() == null
        ? null
        : external.postgres().withDatabase(LocalPostgres.CATALOG_DATABASE);
  }

  private StackEndpoints localEndpoints() {
    return new StackEndpoints(
        servers.get(Component.POSTGRES) instanceof LocalPostgres pg ? pg.url() : null,
        servers.get(Component.POSTGRES) instanceof LocalPostgres pg ? pg.catalogUrl() : null,
        servers.get(Component.REDIS) instanceof LocalRedis redis ? redis.url() : null,
        servers.get(Component.KAFKA) instanceof LocalKafka kafka ? kafka.bootstrap() : null,
        null);
  }

  private static Map<String, String> sharedEnv() {
    Map<String, String> env = new HashMap<>();
    System.getProperties().stringPropertyNames().stream()
        .filter(name -> name.startsWith(SHARED_PREFIX))
        .forEach(name -> env.put(name.substring(SHARED_PREFIX.length()), System.getProperty(name)));
    return env;
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // Closing from the hook itself: nothing to remove.
    }
  }
}
