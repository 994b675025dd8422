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
      List.of(new Workload.Shape(1, 10), new Workload.Shape(1, 50), new Workload.Shape(100, 50));

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
      try (ServiceProcess serving = ServiceProcess.start("online-serving", env)) {
        ManagedChannel channel =
            NettyChannelBuilder.forAddress("127.0.0.1", grpcPort)
                .usePlaintext()
                .directExecutor()
                .build();
        try {
          List<RedisConnection> connections = new ArrayList<>();
          for (int i = 0; i < 2; i++) { // as serving: quiver.redis-connections = 2
            connections.add(redis.connect().toCompletionStage().toCompletableFuture().get());
          }
          run(OnlineServingGrpc.newStub(channel), connections, catalog);
        } finally {
          channel.shutdownNow();
          vertx.close();
        }
      }
    }
    System.exit(0);
  }

  private static void run(
      OnlineServingGrpc.OnlineServingStub stub, List<RedisConnection> redis, ProjectCatalog c)
      throws InterruptedException {
    Map<String, List<RunResult>> results = new LinkedHashMap<>();
    Map<Workload.Shape, Target[]> targets = new LinkedHashMap<>();
    for (Workload.Shape shape : SHAPES) {
      List<long[]> sets = Workload.entitySets(shape, ENTITIES, 1000, 42);
      List<List<RedisCommand>> batches = new ArrayList<>();
      sets.forEach(ids -> batches.add(Workload.commands(c, shape, ids)));
      targets.put(
          shape,
          new Target[] {
            new QuiverTarget(stub, shape, sets), new RedisBaselineTarget(redis, batches)
          });
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
        Target[] pair = e.getValue();
        Target[] order = rep % 2 == 0 ? pair : new Target[] {pair[1], pair[0]};
        int rate = shape.entities() == 1 ? RATE : RATE_MANY;
        for (Target t : order) {
          record(results, shape, "open@" + rate, t, Load.open(t, rate, RUN));
        }
        for (Target t : order) {
          record(results, shape, "closed/" + CONCURRENCY, t, Load.closed(t, CONCURRENCY, RUN));
        }
      }
    }
    Report.print(results, REPS, RUN);
  }

  private static void record(
      Map<String, List<RunResult>> results,
      Workload.Shape shape,
      String mode,
      Target t,
      RunResult r) {
    String key = shape.label() + " " + mode + " " + t.name();
    System.out.printf("%-28s %s%n", key, r);
    results.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
