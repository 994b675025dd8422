package io.quiver.bench.materializer;

import java.time.Duration;
import java.util.List;

/** The small table the bench ends with. */
final class Report {
  private Report() {}

  /**
   * Reports run {@code reported} of {@code runs} (with its materializer CPU time in {@code cpus}):
   * the median of the runs after the first, or the only one.
   */
  static void print(
      Options o,
      List<EndToEndRun> runs,
      List<Duration> cpus,
      int reported,
      int commands,
      RedisWriteComparison.Result redis,
      double[] load) {
    EndToEndRun run = runs.get(reported);
    double seconds = run.duration().toNanos() / 1e9;
    long redisMillis = run.stageMillis().getOrDefault("redis", 0L);
    System.out.println();
    System.out.println("== Quiver materializer bench ==");
    System.out.printf("%-44s %,d%n", "source rows read", run.rowsRead());
    System.out.printf("%-44s %,d%n", "offline rows (tiles) written", run.rowsWritten());
    System.out.printf("%-44s %.2f%n", "run seconds (finishedAt - startedAt)", seconds);
    System.out.printf(
        "%-44s %,.0f  (SPEC target 500,000)%n",
        runs.size() == 1
            ? "rows/s end to end"
            : "rows/s end to end, runs 2-" + runs.size() + " median",
        run.rowsPerSecond());
    System.out.printf(
        "%-44s %.1f s, %,.0f source rows per CPU second%n",
        "materializer CPU time of that run",
        cpus.get(reported).toMillis() / 1000.0,
        run.rowsRead() / Math.max(0.001, cpus.get(reported).toMillis() / 1000.0));
    if (runs.size() > 1) {
      System.out.printf(
          "%-44s %,.0f rows/s, %.1f CPU s (the JVM's warm-up included)%n",
          "first run, in a freshly started materializer",
          runs.get(0).rowsPerSecond(),
          cpus.get(0).toMillis() / 1000.0);
      System.out.printf(
          "%-44s %s%n",
          "rows/s of each run", fmt(runs.stream().map(EndToEndRun::rowsPerSecond).toList()));
    }
    System.out.printf("%-44s %s%n", "stage ms", run.stageMillis());
    // a run of several sub-batches writes each entity once per sub-batch that touched it, so the
    // commands the stage sent are a multiple of those rebuilt here: its time alone is reported
    System.out.printf(
        "%-44s %d ms (every sub-batch; %,d commands rebuilt from the final state)%n",
        "redis stage inside the run (1 sample)", redisMillis, commands);
    System.out.printf(
        "%-44s %,.0f/s (%s)%n",
        "Redis writes/s Quiver, median", redis.quiverMedian(), fmt(redis.quiver()));
    System.out.printf(
        "%-44s %,.0f/s (%s)%n",
        "Redis writes/s bare, median", redis.bareMedian(), fmt(redis.bare()));
    System.out.printf(
        "%-44s %.0f %% (median of per-rep ratios %.0f %%; target >= 70 %%)%n",
        "ratio Quiver / bare (of medians)",
        100 * redis.quiverMedian() / redis.bareMedian(),
        100 * Stats.median(redis.ratios()));
    System.out.printf(
        "%-44s %d reps after %d warm-up rounds, pipeline %d, %,d EVALSHA tiles_put%n",
        "redis comparison", o.reps(), o.warmup(), o.pipeline(), commands);
    System.out.printf("%-44s %s%n", "materializer JVM", String.join(" ", o.jvmArgs()));
    System.out.printf("%-44s %s%n", "bench JVM (Redis clients)", MaterializerBench.benchJvm());
    System.out.printf(
        "%-44s start %.2f, run %.2f -> %.2f, redis reps %.2f -> %.2f%n",
        "load average (1 min)", load[0], load[1], load[2], load[3], load[4]);
    System.out.printf("%-44s %d cores%n", "machine", Runtime.getRuntime().availableProcessors());
  }

  private static String fmt(List<Double> values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(s.length() == 0 ? "" : " ").append(String.format("%,.0f", v));
    }
    return s.toString();
  }
}
