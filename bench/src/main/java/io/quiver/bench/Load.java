package io.quiver.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/** Open-loop (fixed rate, latency from the intended send time) and closed-loop load. */
final class Load {
  private Load() {}

  /**
   * Sends at a fixed rate whatever the answers do, so a stall shows up in the latency of every
   * request that should have gone out meanwhile (no coordinated omission).
   */
  static RunResult open(Target target, int rate, Duration duration) throws InterruptedException {
    long interval = 1_000_000_000L / rate;
    int n = (int) (rate * duration.toMillis() / 1000);
    Recorder recorder = new Recorder(3);
    CountDownLatch done = new CountDownLatch(n);
    AtomicLong errors = new AtomicLong();
    AtomicLong last = new AtomicLong();
    long start = System.nanoTime() + 1_000_000;
    for (int i = 0; i < n; i++) {
      long intended = start + i * interval;
      long wait = intended - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      target
          .call(i)
          .whenComplete(
              (r, e) -> {
                long now = System.nanoTime();
                recorder.recordValue(Math.max(0, now - intended));
                last.accumulateAndGet(now, Math::max);
                if (e != null) {
                  errors.incrementAndGet();
                }
                done.countDown();
              });
    }
    done.await(60, TimeUnit.SECONDS);
    return RunResult.of(recorder.getIntervalHistogram(), n, last.get() - start, errors.get());
  }

  /** {@code concurrency} requests always in flight for {@code duration}: the maximum throughput. */
  static RunResult closed(Target target, int concurrency, Duration duration)
      throws InterruptedException {
    Recorder recorder = new Recorder(3);
    AtomicLong completed = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicLong counter = new AtomicLong();
    CountDownLatch workers = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    for (int w = 0; w < concurrency; w++) {
      next(target, recorder, completed, errors, counter, end, workers);
    }
    workers.await(duration.toSeconds() + 60, TimeUnit.SECONDS);
    return RunResult.of(
        recorder.getIntervalHistogram(), completed.get(), System.nanoTime() - start, errors.get());
  }

  private static void next(
      Target target,
      Recorder recorder,
      AtomicLong completed,
      AtomicLong errors,
      AtomicLong counter,
      long end,
      CountDownLatch workers) {
    long sent = System.nanoTime();
    if (sent >= end) {
      workers.countDown();
      return;
    }
    target
        .call((int) counter.getAndIncrement())
        .whenComplete(
            (r, e) -> {
              recorder.recordValue(System.nanoTime() - sent);
              completed.incrementAndGet();
              if (e != null) {
                errors.incrementAndGet();
              }
              next(target, recorder, completed, errors, counter, end, workers);
            });
  }
}
