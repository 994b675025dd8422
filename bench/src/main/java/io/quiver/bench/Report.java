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
            + " baseline = bare Vert.x Redis client, same pipelined commands; null-grpc = the same gRPC"
            + " client against a server that only answers a prebuilt response of the same size)%n",
        reps, run.toSeconds());
    System.out.printf(
        "%-28s %9s %9s %9s %10s %7s | %28s%n",
        "shape mode target",
        "p50",
        "p99",
        "p99.9",
        "req/s",
        "errors",
        "CPU us/req client server redis");
    results.forEach(
        (key, runs) ->
            System.out.printf(
                "%-28s %9.3f %9.3f %9.3f %10.0f %7d | %10.1f %8.1f %8.1f%n",
                key,
                median(runs, RunResult::p50) / 1e3,
                median(runs, RunResult::p99) / 1e3,
                median(runs, RunResult::p999) / 1e3,
                median(runs, RunResult::rps),
                runs.stream().mapToLong(RunResult::errors).sum(),
                median(runs, RunResult::clientCpu),
                median(runs, RunResult::serverCpu),
                median(runs, RunResult::redisCpu)));
    System.out.println();
    results.forEach(
        (key, runs) -> {
          if (!key.endsWith(" quiver")
              || !results.containsKey(key.replace(" quiver", " baseline"))) {
            return;
          }
          List<RunResult> base = results.get(key.replace(" quiver", " baseline"));
          List<RunResult> nul = results.get(key.replace(" quiver", " null-grpc"));
          System.out.printf(
              "%-22s quiver/baseline: p99 %.2fx, throughput %.2fx",
              key.replace(" quiver", ""),
              median(runs, RunResult::p99) / median(base, RunResult::p99),
              median(runs, RunResult::rps) / median(base, RunResult::rps));
          if (nul != null) {
            System.out.printf(
                "; null-grpc/baseline throughput %.2fx, quiver/null-grpc %.2fx",
                median(nul, RunResult::rps) / median(base, RunResult::rps),
                median(runs, RunResult::rps) / median(nul, RunResult::rps));
          }
          System.out.println();
        });
  }

  static double median(List<RunResult> runs, ToDoubleFunction<RunResult> metric) {
    double[] v = runs.stream().mapToDouble(metric).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
