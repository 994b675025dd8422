package io.quiver.bench.materializer;

import io.quiver.core.online.ScriptCall;
import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.devstack.ServiceProcess;
import io.quiver.devstack.StackEndpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The materializer benchmark (SPEC "Performance", batch materialization): source rows per second
 * end to end through the real, packaged materializer and registry, and its Redis write stage
 * against a bare pipelined client sending the same commands, interleaved. See bench/README.md.
 */
public final class MaterializerBench {
  private static final String PROJECT = "bench";
  private static final Instant END = Instant.parse("2024-03-01T00:00:00Z");

  private MaterializerBench() {}

  public static void main(String[] argv) throws IOException {
    Options o = Options.parse(argv);
    Path data = Files.createTempDirectory("quiver-bench-events-");
    try {
      double load0 = Stats.loadAverage();
      long g0 = System.nanoTime();
      UserEventFiles.write(data, o.events(), o.users(), o.hours(), END, o.files());
      System.out.printf(
          "generated %,d user_events in %d files (%d users, %d h) in %.1f s%n",
          o.events(), o.files(), o.users(), o.hours(), (System.nanoTime() - g0) / 1e9);
      try (DevStack stack =
          DevStack.start(DevStackOptions.of(EnumSet.of(Component.POSTGRES, Component.REDIS)))) {
        StackEndpoints endpoints = stack.endpoints();
        run(o, endpoints, data, load0);
      }
    } finally {
      delete(data);
    }
  }

  private static void run(Options o, StackEndpoints stack, Path data, double load0) {
    Rest rest = new Rest();
    try (ServiceProcess registry = ServiceProcess.start("registry", stack.toEnv());
        ServiceProcess materializer =
            ServiceProcess.start("materializer", materializerEnv(stack, registry), o.jvmArgs())) {
      double loadBefore = Stats.loadAverage();
      List<EndToEndRun> runs = new ArrayList<>();
      List<Duration> cpus = new ArrayList<>();
      for (int r = 1; r <= o.runs(); r++) {
        String project = project(r);
        rest.post(
            registry.url().resolve("/api/v1/projects/" + project + "/apply"),
            UserFeaturesRepo.applyBody(data + "/*.parquet"),
            200);
        Duration cpu0 = cpu(materializer);
        EndToEndRun run =
            EndToEndRun.trigger(rest, materializer.url(), project, UserFeaturesRepo.VIEW);
        Duration cpu = cpu(materializer).minus(cpu0);
        if (!run.status().equals("SUCCEEDED")) {
          throw new IllegalStateException("run " + run.status() + ": " + run.error());
        }
        System.out.printf(
            "run %d: %s, %,d rows read, %,d written, %,.0f rows/s, %.1f CPU s, stages %s%n",
            r,
            run.status(),
            run.rowsRead(),
            run.rowsWritten(),
            run.rowsPerSecond(),
            cpu.toMillis() / 1000.0,
            run.stageMillis());
        runs.add(run);
        cpus.add(cpu);
      }
      double loadAfter = Stats.loadAverage();
      // the first run pays the JVM's warm-up (class loading, JIT); a worker runs for days, so the
      // later runs are its rate, and the first is reported beside them
      int reported = runs.size() == 1 ? 0 : 1 + medianIndex(runs.subList(1, runs.size()));
      EndToEndRun run = runs.get(reported);
      List<ScriptCall> calls;
      try (BareRedisClient redis = BareRedisClient.connect(stack.redisUrl())) {
        calls =
            MaterializerCommands.readBack(
                redis,
                project(reported + 1),
                UserFeaturesRepo.VIEW,
                run.version(),
                Duration.ofDays(7));
      }
      System.out.printf("rebuilt %,d EVALSHA tiles_put commands%n", calls.size());
      double loadRedis0 = Stats.loadAverage();
      RedisWriteComparison.Result redis =
          RedisWriteComparison.run(calls, stack.redisUrl(), o.pipeline(), o.reps(), o.warmup());
      double loadRedis1 = Stats.loadAverage();
      Report.print(
          o,
          runs,
          cpus,
          reported,
          calls.size(),
          redis,
          new double[] {load0, loadBefore, loadAfter, loadRedis0, loadRedis1});
    }
  }

  /** Run {@code r}'s project (from 1): a fresh project reads every file again. */
  private static String project(int r) {
    return r == 1 ? PROJECT : PROJECT + "_" + r;
  }

  /** The run of median rate (the lower middle one of an even number). */
  private static int medianIndex(List<EndToEndRun> runs) {
    Integer[] order = new Integer[runs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> runs.get(i).rowsPerSecond()));
    return order[(order.length - 1) / 2];
  }

  /**
   * The materializer JVM's CPU time so far: beside the wall-clock rate, a figure that other work on
   * a shared machine does not inflate (the run's work uses up to both cores).
   */
  private static Duration cpu(ServiceProcess process) {
    return process.handle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static Map<String, String> materializerEnv(
      StackEndpoints stack, ServiceProcess registry) {
    Map<String, String> env = new HashMap<>(stack.toEnv());
    env.put("QUIVER_REGISTRY_URL", registry.url().toString());
    env.put("QUIVER_SCHEDULER_ENABLED", "false");
    return env;
  }

  static String benchJvm() {
    return System.getProperty("java.vm.name")
        + " "
        + Runtime.version()
        + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MB, args "
        + ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  private static void delete(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(MaterializerBench::deleteOne);
    }
  }

  private static void deleteOne(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
