package io.quiver.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Medians over the repetitions, side by side with the baseline, and the ratios. */
final class Report {
  private Report() {}

  static void print(Map<String, List<RunResult>> results, int reps, Duration run) {
    System.out.printf(
        "%nMedians of %d repetitions of %ss each (latency in ms; quiver = gRPC GetOnlineFeatures,"
            + " baseline = bare Vert.x Redis client, same pipelined commands)%n",
        reps, run.toSeconds());
    System.out.printf(
        "%-28s %9s %9s %9s %10s %7s%n",
        "shape mode target", "p50", "p99", "p99.9", "req/s", "errors");
    results.forEach(
        (key, runs) ->
            System.out.printf(
                "%-28s %9.3f %9.3f %9.3f %10.0f %7d%n",
                key,
                median(runs, RunResult::p50) / 1e3,
                median(runs, RunResult::p99) / 1e3,
                median(runs, RunResult::p999) / 1e3,
                median(runs, RunResult::rps),
                runs.stream().mapToLong(RunResult::errors).sum()));
    System.out.println();
    results.forEach(
        (key, runs) -> {
          if (!key.endsWith(" quiver")) {
            return;
          }
          List<RunResult> base = results.get(key.replace(" quiver", " baseline"));
          System.out.printf(
              "%-22s quiver/baseline: p99 %.2fx, throughput %.2fx%n",
              key.replace(" quiver", ""),
              median(runs, RunResult::p99) / median(base, RunResult::p99),
              median(runs, RunResult::rps) / median(base, RunResult::rps));
        });
  }

  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
