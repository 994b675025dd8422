package io.quiver.cli.dev;

import io.quiver.cli.Endpoints;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.devstack.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The supervisor behind {@code dev up}: one JVM that runs the devstack (PostgreSQL, Redis, Kafka)
 * and the services whose jars are built, records them in {@link DevState} and {@code stack.env},
 * and stops everything when it is told to (SIGTERM from {@code dev down}). If it is killed with -9,
 * the devstack's and the services' orphan guards stop the children.
 */
final class LocalStack implements AutoCloseable {
  /** The services in start order; the registry first, the others need it. */
  static final List<String> SERVICES =
      List.of("registry", "materializer", "online-serving", "offline-export");

  private final Path home;
  private final Map<String, String> env;
  private final List<ServiceProcess> services = Collections.synchronizedList(new ArrayList<>());
  private DevStack stack;
  private DevState state;
  private final Map<String, String> stackEnv = new LinkedHashMap<>();

  LocalStack(Path home, Map<String, String> env) {
    this.home = home;
    this.env = env;
    this.state = DevState.starting(ProcessHandle.current().pid());
  }

  /** Starts everything, writing the state as each part becomes ready. */
  void start() {
    deleteQuietly(Endpoints.stackEnv(env));
    save(state);
    startServers();
    Map<String, String> serviceEnv = new LinkedHashMap<>(stackEnv);
    serviceEnv.put("QUIVER_HOME", home.toString());
    serviceEnv.put(Endpoints.DATA_ROOT, home.toString());
    String registry = startService("registry", serviceEnv, Map.of());
    stackEnv.put(Endpoints.REGISTRY, registry);
    serviceEnv.put(Endpoints.REGISTRY, registry);
    startOthers(serviceEnv);
    stackEnv.put(Endpoints.DATA_ROOT, home.toString());
    writeStackEnv();
    save(state.withStatus(DevState.READY, null));
  }

  private void startServers() {
    long begin = System.nanoTime();
    stack = DevStack.start(new DevStackOptions(EnumSet.allOf(Component.class), withWarehouse()));
    var endpoints = stack.endpoints();
    stackEnv.putAll(endpoints.toEnv());
    DevState next = state.withFolders(stack.folders().stream().map(Path::toString).toList());
    Map<Component, String> where =
        Map.of(
            Component.POSTGRES, endpoints.postgres() == null ? "" : endpoints.postgres().url(),
            Component.REDIS, String.valueOf(endpoints.redisUrl()),
            Component.KAFKA, String.valueOf(endpoints.kafkaBootstrap()));
    List<ProcessHandle> processes = byComponent(stack.processes());
    for (Component c : Component.values()) {
      long millis =
          stack
              .startupTimes()
              .getOrDefault(c, java.time.Duration.ofNanos(System.nanoTime() - begin))
              .toMillis();
      ProcessHandle p = processes.get(c.ordinal());
      next =
          next.with(
              new DevState.Part(
                  c.name().toLowerCase(java.util.Locale.ROOT),
                  where.get(c),
                  p == null ? 0 : p.pid(),
                  p == null ? null : p.info().startInstant().orElse(null),
                  millis));
    }
    save(next);
  }

  /**
   * The warehouse lives in {@code $QUIVER_HOME/warehouse} unless {@code QUIVER_WAREHOUSE} says
   * otherwise: exported datasets ({@code artifacts/}) must outlive {@code dev down}. Its tables do
   * not: the catalog that names them is in the local PostgreSQL, which goes with the stack.
   */
  private Map<String, String> withWarehouse() {
    Map<String, String> out = new LinkedHashMap<>(env);
    String configured = env.get("QUIVER_WAREHOUSE");
    if (configured == null || configured.isBlank()) {
      Path warehouse = home.resolve("warehouse");
      try {
        Files.createDirectories(warehouse);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + warehouse, e);
      }
      out.put("QUIVER_WAREHOUSE", warehouse.toString());
    }
    return out;
  }

  /**
   * The devstack lists one process per component it started, in component order; external ones
   * (their QUIVER_* variable set) have none.
   */
  private List<ProcessHandle> byComponent(List<ProcessHandle> processes) {
    List<ProcessHandle> out = new ArrayList<>();
    int next = 0;
    for (Component c : Component.values()) {
      String variable =
          switch (c) {
            case POSTGRES -> "QUIVER_POSTGRES_URL";
            case REDIS -> "QUIVER_REDIS_URL";
            case KAFKA -> "QUIVER_KAFKA_BOOTSTRAP";
          };
      boolean external = env.get(variable) != null && !env.get(variable).isBlank();
      out.add(external || next >= processes.size() ? null : processes.get(next++));
    }
    return out;
  }

  /**
   * One after the other: on two cores, three Quarkus JVMs booting at once each take longer than the
   * devstack's ready timeout under load, and one at a time is barely slower in total.
   */
  private void startOthers(Map<String, String> serviceEnv) {
    for (String module : SERVICES.subList(1, SERVICES.size())) {
      if (!built(module)) {
        continue;
      }
      Map<String, String> extra = new LinkedHashMap<>();
      if (module.equals("online-serving")) {
        int grpc = freePort();
        extra.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpc));
        stackEnv.put(Endpoints.ONLINE_SERVING_GRPC, "127.0.0.1:" + grpc);
      }
      stackEnv(module, startService(module, serviceEnv, extra));
    }
  }

  private synchronized void stackEnv(String module, String url) {
    String variable =
        switch (module) {
          case "materializer" -> Endpoints.MATERIALIZER;
          case "online-serving" -> Endpoints.ONLINE_SERVING;
          default -> Endpoints.OFFLINE_EXPORT;
        };
    stackEnv.put(variable, url);
  }

  /** Starts one service; returns its URL. */
  private String startService(String module, Map<String, String> base, Map<String, String> extra) {
    long begin = System.nanoTime();
    Map<String, String> serviceEnv = new LinkedHashMap<>(base);
    serviceEnv.putAll(extra);
    ServiceProcess service = ServiceProcess.start(module, serviceEnv);
    services.add(service);
    long millis = (System.nanoTime() - begin) / 1_000_000;
    ProcessHandle p = service.handle();
    synchronized (this) {
      save(
          state.with(
              new DevState.Part(
                  module,
                  service.url().toString(),
                  p.pid(),
                  p.info().startInstant().orElse(null),
                  millis)));
      List<String> folders = new ArrayList<>(state.folders());
      folders.add(service.log().getParent().toString());
      save(state.withFolders(folders));
    }
    return service.url().toString();
  }

  static boolean built(String module) {
    return Files.isRegularFile(jar(module));
  }

  static Path jar(String module) {
    return sourceRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /**
   * {@code QUIVER_SOURCE_ROOT} (the launcher sets it), else the nearest folder up from the working
   * directory with a {@code registry} module, as the devstack's ServiceProcess looks for it.
   */
  static Path sourceRoot() {
    String root = System.getenv("QUIVER_SOURCE_ROOT");
    if (root != null && !root.isBlank()) {
      return Path.of(root).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("registry"))) {
        return dir;
      }
    }
    return Path.of("").toAbsolutePath();
  }

  private void writeStackEnv() {
    Path file = Endpoints.stackEnv(env);
    List<String> lines = new ArrayList<>();
    lines.add("# Written by 'quiver dev up' (pid " + state.pid() + "); removed by 'dev down'.");
    stackEnv.forEach((k, v) -> lines.add(k + "=" + v));
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling("stack.env.tmp");
      Files.write(partial, lines);
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private synchronized void save(DevState next) {
    state = next;
    state.write(home);
  }

  /** Marks the start failed (the message stays in the state for {@code up} to print). */
  void failed(Throwable e) {
    save(state.withStatus(DevState.FAILED, firstLine(e)));
  }

  /** Stops the services, then the servers; removes stack.env; keeps the state only if failed. */
  @Override
  public void close() {
    List<ServiceProcess> running = new ArrayList<>(services);
    Collections.reverse(running);
    running.forEach(ServiceProcess::close);
    if (stack != null) {
      stack.close();
    }
    deleteQuietly(Endpoints.stackEnv(env));
    if (!DevState.FAILED.equals(state.status())) {
      deleteQuietly(DevState.file(home));
    }
  }

  private static String firstLine(Throwable e) {
    String message = String.valueOf(e.getMessage());
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing more to do: status and down treat a dead pid as not running.
    }
  }
}
