package io.quiver.bench;

import org.HdrHistogram.Histogram;

/** One measured run: latency percentiles in microseconds and throughput in requests per second. */
record RunResult(double p50, double p99, double p999, double rps, long errors) {
  static RunResult of(Histogram nanos, long completed, long elapsedNanos, long errors) {
    return new RunResult(
        nanos.getValueAtPercentile(50) / 1e3,
        nanos.getValueAtPercentile(99) / 1e3,
        nanos.getValueAtPercentile(99.9) / 1e3,
        completed * 1e9 / elapsedNanos,
        errors);
  }
}
