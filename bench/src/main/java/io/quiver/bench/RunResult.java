package io.quiver.bench;

import org.HdrHistogram.Histogram;

/**
 * One measured run: latency percentiles in microseconds, throughput in requests per second, and the
 * CPU microseconds per request of the bench client (this JVM), the server under test (online
 * serving or the null gRPC server; NaN for the bare Redis baseline, which has none) and Redis.
 */
record RunResult(
    double p50,
    double p99,
    double p999,
    double rps,
    long requests,
    long errors,
    double clientCpu,
    double serverCpu,
    double redisCpu) {
  static RunResult of(Histogram nanos, long completed, long elapsedNanos, long errors) {
    return new RunResult(
        nanos.getValueAtPercentile(50) / 1e3,
        nanos.getValueAtPercentile(99) / 1e3,
        nanos.getValueAtPercentile(99.9) / 1e3,
        completed * 1e9 / elapsedNanos,
        completed,
        errors,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /** This run with the CPU each process used during it, per completed request. */
  RunResult withCpu(long clientNanos, long serverNanos, long redisNanos) {
    return new RunResult(
        p50,
        p99,
        p999,
        rps,
        requests,
        errors,
        perRequest(clientNanos, requests),
        perRequest(serverNanos, requests),
        perRequest(redisNanos, requests));
  }

  private static double perRequest(long nanos, long requests) {
    return nanos < 0 || requests == 0 ? Double.NaN : nanos / 1e3 / requests;
  }

  @Override
  public String toString() {
    return String.format(
        "p50 %.3f p99 %.3f p99.9 %.3f ms, %.0f req/s, %d errors; CPU us/req client %.1f server"
            + " %.1f redis %.1f",
        p50 / 1e3, p99 / 1e3, p999 / 1e3, rps, errors, clientCpu, serverCpu, redisCpu);
  }
}
