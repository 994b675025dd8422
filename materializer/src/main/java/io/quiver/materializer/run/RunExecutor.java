package io.quiver.materializer.run;

import io.quarkus.runtime.ShutdownEvent;
import io.quiver.materializer.config.MaterializerConfig;
import io.quiver.materializer.monitor.MaterializerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Executes queued runs on a small pool: each run waits for its view's cross-process lock ({@link
 * ViewLocks}), then runs with retries (exponential backoff) unless the failure is a {@link
 * RunFailure}, which no retry can fix.
 */
@ApplicationScoped
public class RunExecutor {
  private static final Logger LOG = Logger.getLogger(RunExecutor.class);
  private static final Duration LOCK_POLL = Duration.ofMillis(200);
  private final MaterializerConfig config;
  private final RunStore runs;
  private final ViewLocks locks;
  private final Materialization materialization;
  private final MaterializerMetrics metrics;
  private final ExecutorService pool;
  private final String worker = ManagementFactory.getRuntimeMXBean().getName();

  public RunExecutor(
      MaterializerConfig config,
      RunStore runs,
      ViewLocks locks,
      Materialization materialization,
      MaterializerMetrics metrics) {
    this.config = config;
    this.runs = runs;
    this.locks = locks;
    this.materialization = materialization;
    this.metrics = metrics;
    this.pool =
        Executors.newFixedThreadPool(
            config.runs().workers(),
            r -> {
              Thread t = new Thread(r, "quiver-run");
              t.setDaemon(true);
              return t;
            });
  }

  /** Records the run as QUEUED and starts it in the background; returns its id. */
  public UUID submit(RunRequest request) {
    UUID id = runs.create(request);
    pool.execute(() -> execute(id, request));
    return id;
  }

  /**
   * Runs now on the caller's thread if the view is free; false when another run (in any process)
   * holds it — the scheduler then skips the slot rather than queue behind it.
   */
  public boolean runIfFree(RunRequest request) {
    Optional<ViewLocks.Held> lock = locks.tryLock(request.project(), request.view());
    if (lock.isEmpty()) {
      return false;
    }
    try (ViewLocks.Held held = lock.get()) {
      attempts(runs.create(request), request);
    }
    return true;
  }

  private void execute(UUID id, RunRequest request) {
    try (ViewLocks.Held held = awaitLock(request)) {
      attempts(id, request);
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s could not start", id);
      runs.failed(id, e.toString(), null);
    }
  }

  private ViewLocks.Held awaitLock(RunRequest r) {
    while (true) {
      Optional<ViewLocks.Held> lock = locks.tryLock(r.project(), r.view());
      if (lock.isPresent()) {
        return lock.get();
      }
      sleep(LOCK_POLL);
    }
  }

  private void attempts(UUID id, RunRequest request) {
    int maxAttempts = config.runs().retries() + 1;
    Duration backoff = config.runs().backoff();
    for (int attempt = 1; ; attempt++) {
      runs.running(id, worker, attempt);
      try {
        runs.succeeded(id, materialization.run(id, request));
        metrics.recordRun(request.project(), request.view(), "succeeded");
        return;
      } catch (RunFailure e) {
        fail(id, request, e.getMessage(), e.partial());
        return;
      } catch (OutOfMemoryError e) {
        // the sub-batch is unreachable once the attempt has unwound, so the worker lives on; a
        // retry of the same input would run out again, and the run must not stay RUNNING
        LOG.errorf(e, "run %s ran out of heap", id);
        fail(
            id,
            request,
            "out of heap memory ("
                + Runtime.getRuntime().maxMemory() / (1 << 20)
                + " MB max; a FILE run holds sub-batches of up to "
                + SubBatchRows.of(config.runs().batchRows())
                + " source rows): set quiver.runs.batch-rows lower or give the materializer more"
                + " heap; progress did not move",
            null);
        return;
      } catch (RuntimeException e) {
        LOG.warnf(e, "run %s attempt %d of %d failed", id, attempt, maxAttempts);
        if (attempt >= maxAttempts) {
          fail(id, request, e.getMessage() == null ? e.toString() : e.getMessage(), null);
          return;
        }
        sleep(backoff.multipliedBy(1L << (attempt - 1)));
      }
    }
  }

  private void fail(UUID id, RunRequest request, String error, RunOutcome partial) {
    runs.failed(id, error, partial);
    metrics.recordRun(request.project(), request.view(), "failed");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  void stop(@Observes ShutdownEvent e) {
    pool.shutdownNow();
  }
}
