package io.quiver.materializer.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quiver.materializer.pipeline.ViewContext;
import io.quiver.materializer.run.Stages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Per-view Prometheus metrics: {@code quiver_materializer_rows_read_total}, {@code
 * _rows_written_total}, {@code _rows_rejected_total}, {@code _runs_total{outcome}}, {@code
 * _stage_seconds{stage}} and {@code _freshness_seconds} (now − newest event materialized), each
 * tagged with project and view.
 */
@ApplicationScoped
public class MaterializerMetrics {
  private final MeterRegistry registry;
  private final Map<String, AtomicLong> newestEvent = new ConcurrentHashMap<>();

  public MaterializerMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void recordSuccess(
      ViewContext ctx, long read, long written, long rejected, Instant newest, Stages stages) {
    Tags tags = Tags.of("project", ctx.project(), "view", ctx.viewName());
    Counter.builder("quiver.materializer.rows.read").tags(tags).register(registry).increment(read);
    Counter.builder("quiver.materializer.rows.written")
        .tags(tags)
        .register(registry)
        .increment(written);
    Counter.builder("quiver.materializer.rows.rejected")
        .tags(tags)
        .register(registry)
        .increment(rejected);
    stages
        .ordered()
        .forEach(
            (stage, ms) ->
                Timer.builder("quiver.materializer.stage")
                    .tags(tags.and("stage", stage))
                    .register(registry)
                    .record(Duration.ofMillis(ms)));
    if (newest != null) {
      freshness(ctx.project(), ctx.viewName()).accumulateAndGet(newest.toEpochMilli(), Math::max);
    }
  }

  public void recordRun(String project, String view, String outcome) {
    Counter.builder("quiver.materializer.runs")
        .tags("project", project, "view", view, "outcome", outcome)
        .register(registry)
        .increment();
  }

  /** Seeds the freshness gauge from stored stats (after a restart). */
  public void knownNewest(String project, String view, Instant newest) {
    if (newest != null) {
      freshness(project, view).accumulateAndGet(newest.toEpochMilli(), Math::max);
    }
  }

  private AtomicLong freshness(String project, String view) {
    return newestEvent.computeIfAbsent(
        project + "/" + view,
        k -> {
          AtomicLong millis = new AtomicLong(Long.MIN_VALUE);
          Gauge.builder(
                  "quiver.materializer.freshness.seconds",
                  millis,
                  m ->
                      m.get() == Long.MIN_VALUE
                          ? Double.NaN
                          : (System.currentTimeMillis() - m.get()) / 1000.0)
              .tags("project", project, "view", view)
              .register(registry);
          return millis;
        });
  }
}
