package io.quiver.bench;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.RegistryClient;
import io.quiver.core.online.RedisCommand;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.devstack.ServiceProcess;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GetOnlineFeatures under load against a bare Redis client sending the same commands, in one run,
 * interleaved: real PostgreSQL + Redis (devstack), the registry and online serving as child JVMs
 * (serving with {@code -Xmx256m}). Settings are system properties ({@code -Dbench.reps=5}...).
 */
public final class ServingBench {
  private static final int ENTITIES = Integer.getInteger("bench.entities", 10_000);
  private static final int REPS = Integer.getInteger("bench.reps", 5);
  private static final Duration RUN = Duration.ofSeconds(Integer.getInteger("bench.seconds", 5));
  private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 10));
  private static final int RATE = Integer.getInteger("bench.rate", 2000);
  private static final int RATE_MANY = Integer.getInteger("bench.rate-many", 200);
  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 16);
  private static final List<Workload.Shape> SHAPES =
      Workload.Shape.parse(System.getProperty("bench.shapes", "1x10,1x50,100x50"));
  private static final List<String> MODES =
      List.of(System.getProperty("bench.modes", "open,closed").split(","));
  private static final List<String> TARGETS =
      List.of(System.getProperty("bench.targets", "quiver,baseline,null-grpc").split(","));
  private static final String SERVING_JVM_ARGS = System.getProperty("bench.serving-jvm-args", "");

  private ServingBench() {}

  public static void main(String[] args) throws Exception {
    try (DevStack stack =
            DevStack.start(DevStackOptions.of(EnumSet.of(Component.POSTGRES, Component.REDIS)));
        ServiceProcess registry = ServiceProcess.start("registry", stack.endpoints().toEnv())) {
      String redisUrl = stack.endpoints().redisUrl();
      Fixtures.register(registry.url());
      ProjectCatalog catalog = new RegistryClient(registry.url()).fetch(Workload.PROJECT);
      Vertx vertx = Vertx.vertx();
      Redis redis =
          Redis.createClient(
              vertx,
              new RedisOptions()
                  .setConnectionString(redisUrl)
                  .setMaxPoolSize(8)
                  .setMaxPoolWaiting(8192)
                  .setMaxWaitingHandlers(8192));
      Fixtures.fill(redis, catalog, ENTITIES);
      int grpcPort = freePort();
      Map<String, String> env = new HashMap<>(stack.endpoints().toEnv());
      env.put("QUIVER_REGISTRY_URL", registry.url().toString());
      env.put("QUIVER_REDIS_URL", redisUrl);
      env.put("QUARKUS_GRPC_SERVER_PORT", Integer.toString(grpcPort));
      String[] servingArgs =
          SERVING_JVM_ARGS.isBlank() ? new String[0] : SERVING_JVM_ARGS.trim().split("\\s+");
      try (ServiceProcess serving = ServiceProcess.start("online-serving", env, servingArgs);
          NullServer nullServer = TARGETS.contains("null-grpc") ? NullServer.start() : null) {
        ManagedChannel channel = channel(grpcPort);
        ManagedChannel nullChannel = nullServer == null ? null : channel(nullServer.port());
        try {
          List<RedisConnection> connections = new ArrayList<>();
          for (int i = 0; i < 2; i++) { // as serving: quiver.redis-connections = 2
            connections.add(redis.connect().toCompletionStage().toCompletableFuture().get());
          }
          redisPid = CpuTime.redisServer(URI.create(redisUrl).getPort());
          run(
              new Stub(OnlineServingGrpc.newStub(channel), serving.handle().pid()),
              nullChannel == null
                  ? null
                  : new Stub(OnlineServingGrpc.newStub(nullChannel), nullServer.pid()),
              connections,
              catalog);
        } finally {
          channel.shutdownNow();
          if (nullChannel != null) {
            nullChannel.shutdownNow();
          }
          vertx.close();
        }
      }
    }
    System.exit(0);
  }

  private record Stub(OnlineServingGrpc.OnlineServingStub stub, long pid) {}

  private static long redisPid = -1;

  private static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port)
        .usePlaintext()
        .directExecutor()
        .build();
  }

  private static void run(Stub quiver, Stub nullStub, List<RedisConnection> redis, ProjectCatalog c)
      throws InterruptedException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    Map<Workload.Shape, Target[]> targets = new LinkedHashMap<>();
    for (Workload.Shape shape : SHAPES) {
      List<long[]> sets = Workload.entitySets(shape, ENTITIES, 1000, 42);
      List<List<RedisCommand>> batches = new ArrayList<>();
      sets.forEach(ids -> batches.add(Workload.commands(c, shape, ids)));
      List<Target> all = new ArrayList<>();
      all.add(new QuiverTarget("quiver", quiver.pid(), quiver.stub(), shape, sets));
      all.add(new RedisBaselineTarget(redis, batches));
      if (nullStub != null) {
        all.add(new QuiverTarget("null-grpc", nullStub.pid(), nullStub.stub(), shape, sets));
      }
      all.removeIf(t -> !TARGETS.contains(t.name()));
      targets.put(shape, all.toArray(new Target[0]));
    }
    for (var e : targets.entrySet()) {
      for (Target t : e.getValue()) {
        RunResult w = Load.closed(t, CONCURRENCY, WARMUP);
        System.out.printf("warmup %-7s %-8s %s%n", e.getKey().label(), t.name(), w);
      }
    }
    for (int rep = 0; rep < REPS; rep++) {
      for (var e : targets.entrySet()) {
        Workload.Shape shape = e.getKey();
        Target[] order = order(e.getValue(), rep);
        int rate = shape.entities() == 1 ? RATE : RATE_MANY;
        if (MODES.contains("open")) {
          for (Target t : order) {
            record(results, shape, "open@" + rate, t, () -> Load.open(t, rate, RUN));
          }
        }
        if (MODES.contains("closed")) {
          for (Target t : order) {
            record(
                results, shape, "closed/" + CONCURRENCY, t, () -> Load.closed(t, CONCURRENCY, RUN));
          }
        }
      }
    }
    Report.print(results, REPS, RUN);
  }

  /** Quiver and baseline swap places every repetition (the null server, when on, rotates). */
  private static Target[] order(Target[] targets, int rep) {
    Target[] out = targets.clone();
    if (rep % 2 == 1 && out.length >= 2) {
      out[0] = targets[1];
      out[1] = targets[0];
    }
    if (out.length == 3) {
      int shift = (rep / 2) % 3;
      Target[] rotated = new Target[3];
      for (int i = 0; i < 3; i++) {
        rotated[i] = out[(i + shift) % 3];
      }
      out = rotated;
    }
    return out;
  }

  private static void record(
      Map<String, List<RunResult>> results, Workload.Shape shape, String mode, Target t, Run run)
      throws InterruptedException {
    long self = ProcessHandle.current().pid();
    long client = CpuTime.nanos(self);
    long server = CpuTime.nanos(t.serverPid());
    long redis = CpuTime.nanos(redisPid);
    RunResult r = run.run();
    r =
        r.withCpu(
            delta(client, CpuTime.nanos(self)),
            delta(server, CpuTime.nanos(t.serverPid())),
            delta(redis, CpuTime.nanos(redisPid)));
    String key = shape.label() + " " + mode + " " + t.name();
    System.out.printf("%-28s %s%n", key, r);
    results.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
  }

  private interface Run {
    RunResult run() throws InterruptedException;
  }

  private static long delta(long before, long after) {
    return before < 0 || after < 0 ? -1 : after - before;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
