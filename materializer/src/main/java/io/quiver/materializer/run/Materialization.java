package io.quiver.materializer.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.common.registry.RegistryClient;
import io.quiver.core.model.Field;
import io.quiver.core.model.SourceType;
import io.quiver.core.quality.QualityProfiler;
import io.quiver.core.quality.QualityReport;
import io.quiver.core.value.EpochMicros;
import io.quiver.materializer.config.MaterializerConfig;
import io.quiver.materializer.monitor.MaterializerMetrics;
import io.quiver.materializer.pipeline.AggregationTransform;
import io.quiver.materializer.pipeline.BatchInput;
import io.quiver.materializer.pipeline.CuratedEvents;
import io.quiver.materializer.pipeline.CuratedReadBack;
import io.quiver.materializer.pipeline.FeatureBatch;
import io.quiver.materializer.pipeline.FileBatches;
import io.quiver.materializer.pipeline.FileSourceInput;
import io.quiver.materializer.pipeline.PostgresSourceInput;
import io.quiver.materializer.pipeline.SelectRowsWritten;
import io.quiver.materializer.pipeline.SelectTransform;
import io.quiver.materializer.pipeline.ViewContext;
import io.quiver.materializer.sink.RedisOnlineStoreWriter;
import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.ColumnBatchValues;
import io.quiver.materializer.source.FileRef;
import io.quiver.materializer.source.PostgresSourceReader;
import io.quiver.offline.ColumnarRows;
import io.quiver.offline.IcebergOfflineStore;
import io.quiver.offline.QuarantineTableSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One attempt of one run, in order: read the new input (validated; rejected rows dead-lettered),
 * quality gate, record the batch as pending, curated append, transform, ONE Iceberg append (batch
 * id = hash of view version and source positions), pipelined Redis writes, then the progress moves
 * — only after both sinks succeeded. A crash anywhere leaves the pending batch, which the next run
 * re-runs with the same batch id (Iceberg skips it, Redis writes are idempotent).
 */
@ApplicationScoped
public class Materialization {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final MaterializerConfig config;
  private final RegistryClient registry;
  private final IcebergOfflineStore offline;
  private final RedisOnlineStoreWriter online;
  private final ProgressStore progress;
  private final DeadLetters deadLetters;
  private final RunStore runs;
  private final CrashPoints crash;
  private final MaterializerMetrics metrics;

  public Materialization(
      MaterializerConfig config,
      RegistryClient registry,
      IcebergOfflineStore offline,
      RedisOnlineStoreWriter online,
      ProgressStore progress,
      DeadLetters deadLetters,
      RunStore runs,
      CrashPoints crash,
      MaterializerMetrics metrics) {
    this.config = config;
    this.registry = registry;
    this.offline = offline;
    this.online = online;
    this.progress = progress;
    this.deadLetters = deadLetters;
    this.runs = runs;
    this.crash = crash;
    this.metrics = metrics;
  }

  public RunOutcome run(UUID runId, RunRequest request) {
    Stages stages = new Stages();
    ViewContext ctx =
        stages.time(
            "resolve",
            () -> ViewContext.resolve(registry.fetch(request.project()), request.view()));
    Optional<ProgressStore.Pending> pending =
        request.isBackfill() ? Optional.empty() : progress.pending(ctx);
    RunTotals totals = new RunTotals(stages);
    if (ctx.source().type() == SourceType.POSTGRES) {
      return postgres(runId, request, ctx, pending, totals);
    }
    Path root = Path.of(config.dataRoot().orElse("."));
    FileBatches files = stages.time("read", () -> fileBatches(ctx, request, pending, root));
    Optional<ProgressStore.Pending> resumed = pending;
    RunOutcome outcome;
    while (true) {
      Stages sub = new Stages();
      Set<String> curated = progress.curatedFiles(ctx.project(), ctx.source().name());
      FileBatches current = files;
      BatchInput in = sub.time("read", () -> current.next(curated));
      outcome = batch(runId, request, ctx, in, resumed, sub, totals);
      if (!files.hasNext()) {
        if (resumed.isEmpty()) {
          return outcome;
        }
        // the pending batch is repaired; the files that arrived since are this run's too
        List<FileRef> fresh = FileSourceInput.newFiles(ctx, root, progress.filesSeen(ctx));
        if (fresh.isEmpty()) {
          return outcome;
        }
        files = FileBatches.of(ctx, fresh, SubBatchRows.of(config.runs().batchRows()));
      }
      resumed = Optional.empty();
    }
  }

  /**
   * One sub-batch, a complete crash-safe cycle: dead letters, quality gate, pending batch, curated
   * append, transform, Iceberg append, Redis writes, progress. Returns the run's totals so far.
   */
  private RunOutcome batch(
      UUID runId,
      RunRequest request,
      ViewContext ctx,
      BatchInput in,
      Optional<ProgressStore.Pending> pending,
      Stages stages,
      RunTotals totals) {
    try {
      BatchOutcome b = batch(runId, request, ctx, in, pending, stages);
      return totals.add(b.outcome(), b.failedChecks());
    } catch (RunFailure e) {
      throw new RunFailure(e.getMessage(), totals.add(e.partial(), false));
    }
  }

  /** A sub-batch's outcome, and whether its quality report has a failed (warning) check. */
  private record BatchOutcome(RunOutcome outcome, boolean failedChecks) {}

  private BatchOutcome batch(
      UUID runId,
      RunRequest request,
      ViewContext ctx,
      BatchInput in,
      Optional<ProgressStore.Pending> pending,
      Stages stages) {
    deadLetters.save(runId, ctx.project(), ctx.source().name(), in.rejected());
    ColumnBatch rows = request.isBackfill() ? inRange(ctx, in.rows(), request) : in.rows();
    String batchId =
        pending.map(ProgressStore.Pending::batchId).orElseGet(() -> batchId(ctx, request, in));
    String warning = extraColumnsWarning(ctx, in);
    checkRejected(ctx, in, stages, warning);
    QualityReport report = stages.time("quality", () -> gate(ctx, rows));
    String quality = json(report);
    boolean failedChecks = !report.failures().isEmpty();
    if (report.blocking()) {
      stages.time("quarantine", () -> quarantine(ctx, batchId, rows, quality));
      throw new RunFailure(
          "quality gate held the batch back (quarantine__"
              + ctx.viewName()
              + ", batch "
              + batchId
              + "): "
              + report.summary(),
          outcome(ctx, in, 0, quality, stages, warning));
    }
    if (rows.isEmpty() && in.files().isEmpty() && in.watermark() == null) {
      finish(ctx, request, in, null);
      return new BatchOutcome(
          outcome(ctx, in, 0, quality, stages, join(warning, "no new input")), failedChecks);
    }
    if (!request.isBackfill()) {
      progress.savePending(ctx, new ProgressStore.Pending(batchId, in.positions()));
    }
    CuratedEvents before = CuratedEvents.current(offline.catalog(), ctx.project(), ctx.layout());
    AggregationTransform.Tiles tiles =
        ctx.view().isAggregation()
            ? stages.time("transform", () -> AggregationTransform.tiles(ctx, rows))
            : null;
    ColumnBatch fresh =
        stages.time("readback", () -> CuratedReadBack.fresh(ctx, before, in.uncurated(), tiles));
    // the transform needs the distinct rows, not their commit: both run at once, and the
    // curated commit is awaited before the feature table's, so the crash points keep their order
    CompletableFuture<Long> curated = appendCurated(ctx, in, fresh);
    FeatureBatch batch;
    try {
      batch = stages.time("transform", () -> transform(ctx, rows, tiles, fresh));
    } catch (RuntimeException e) {
      curated.exceptionally(x -> 0L).join();
      throw e;
    }
    stages.add("curated", await(curated));
    crash.reach("after-curated-commit");
    if (ctx.view().isOffline()) {
      Map<String, String> summary =
          Map.of("quiver.run-id", runId.toString(), "quiver.quality-report", quality);
      stages.time(
          "iceberg",
          () ->
              batch.offlineRows() instanceof ColumnarRows columns
                  ? offline.append(ctx.featureTable(), batchId, columns, summary)
                  : offline.append(ctx.featureTable(), batchId, batch.offlineRows(), summary));
    }
    crash.reach("after-iceberg-commit");
    stages.time("redis", () -> online.write(batch.onlineWrites(), config.runs().redisPipeline()));
    crash.reach("after-redis-write");
    stages.time("progress", () -> finish(ctx, request, in, batch.newestEvent()));
    long written =
        ctx.view().isOffline() ? batch.offlineRows().size() : batch.onlineWrites().size();
    metrics.recordSuccess(
        ctx, in.rows().size(), written, in.rejectedCount(), batch.newestEvent(), stages);
    return new BatchOutcome(outcome(ctx, in, written, quality, stages, warning), failedChecks);
  }

  /**
   * The run's files as sub-batches: a pending batch's files whole (its batch id names them all),
   * else a backfill's every file, else the files not seen yet.
   */
  private FileBatches fileBatches(
      ViewContext ctx, RunRequest request, Optional<ProgressStore.Pending> pending, Path root) {
    if (pending.isPresent()) {
      return FileBatches.of(ctx, FileSourceInput.parse(pending.get().position()), Long.MAX_VALUE);
    }
    List<FileRef> files =
        request.isBackfill()
            ? FileSourceInput.allFiles(ctx, root)
            : FileSourceInput.newFiles(ctx, root, progress.filesSeen(ctx));
    return FileBatches.of(ctx, files, SubBatchRows.of(config.runs().batchRows()));
  }

  /**
   * A POSTGRES run as sub-batches of about {@code quiver.runs.batch-rows} rows each, cut between
   * positions, each a whole cycle as a FILE sub-batch is (its watermark committed after both
   * sinks); a pending batch is re-read whole, as its batch id names its window.
   */
  private RunOutcome postgres(
      UUID runId,
      RunRequest request,
      ViewContext ctx,
      Optional<ProgressStore.Pending> pending,
      RunTotals totals) {
    PostgresSourceReader.Window window;
    long limit = SubBatchRows.of(config.runs().batchRows());
    if (request.isBackfill()) {
      window = PostgresSourceInput.backfill(request.start(), request.end());
    } else if (pending.isPresent() && PostgresSourceInput.isPosition(pending.get().position())) {
      window = PostgresSourceInput.parse(pending.get().position());
      limit = 0;
    } else {
      window = PostgresSourceInput.incremental(ctx, progress.watermark(ctx));
    }
    Optional<ProgressStore.Pending> resumed = pending;
    while (true) {
      Stages sub = new Stages();
      PostgresSourceReader.Window w = window;
      long max = limit;
      PostgresSourceInput.Read read =
          sub.time(
              "read",
              () ->
                  PostgresSourceInput.read(
                      ctx, w, Materialization::secret, config.runs().postgresFetchSize(), max));
      RunOutcome outcome = batch(runId, request, ctx, read.input(), resumed, sub, totals);
      if (read.rest() == null) {
        return outcome;
      }
      window = read.rest();
      resumed = Optional.empty();
    }
  }

  /** A source's credentials by name: an environment variable, else a config property. */
  private static Optional<String> secret(String name) {
    return Optional.ofNullable(System.getenv(name))
        .or(() -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
  }

  private static ColumnBatch inRange(ViewContext ctx, ColumnBatch rows, RunRequest r) {
    long[] event = rows.longs(ctx.layout().eventTimeIndex());
    long start = ceilMicros(r.start());
    long end = ceilMicros(r.end());
    int[] in = new int[rows.size()];
    int n = 0;
    for (int i = 0; i < rows.size(); i++) {
      if (event[i] >= start && event[i] < end) {
        in[n++] = i;
      }
    }
    return rows.select(in, n);
  }

  /** The first whole microsecond at or after {@code t}: rows' times are whole microseconds. */
  private static long ceilMicros(Instant t) {
    return EpochMicros.of(t) + (t.getNano() % 1_000 == 0 ? 0 : 1);
  }

  private void checkRejected(ViewContext ctx, BatchInput in, Stages stages, String warning) {
    long total = in.rows().size() + in.rejectedCount();
    if (in.rejectedCount() > 0
        && in.rejectedCount() > config.runs().maxRejectedFraction() * total) {
      var first = in.rejected().get(0);
      throw new RunFailure(
          in.rejectedCount()
              + " of "
              + total
              + " source rows rejected (kept in"
              + " materializer.dead_letters); first at "
              + first.position()
              + ": "
              + first.reason(),
          outcome(ctx, in, 0, null, stages, warning));
    }
  }

  private QualityReport gate(ViewContext ctx, ColumnBatch rows) {
    List<Field> fields = ctx.layout().rowFields();
    QualityProfiler profiler = QualityProfiler.of(ctx.view().expectations(), fields);
    profiler.addColumns(rows.size(), ColumnBatchValues.of(rows, fields));
    return profiler.report(runs.recentRowCounts(ctx.project(), ctx.viewName(), 10));
  }

  private Object quarantine(ViewContext ctx, String batchId, List<Object[]> rows, String quality) {
    QuarantineTableSpec spec =
        new QuarantineTableSpec(ctx.project(), ctx.viewName(), ctx.layout().spec(ctx.project()));
    return offline.append(spec, batchId, rows, Map.of("quiver.quality-report", quality));
  }

  /**
   * Appends the batch's new distinct rows to the curated table on a thread of its own (with the
   * files they came from marked curated); completes with the append's milliseconds.
   */
  private CompletableFuture<Long> appendCurated(ViewContext ctx, BatchInput in, ColumnBatch fresh) {
    if (in.uncurated().isEmpty() && in.uncuratedFiles().isEmpty()) {
      return CompletableFuture.completedFuture(0L);
    }
    StringBuilder positions = new StringBuilder(ctx.source().name());
    in.uncuratedFiles().forEach(f -> positions.append('\n').append(f.position()));
    if (in.uncuratedFiles().isEmpty()) { // POSTGRES: this view's window and its rows' digest
      positions.append('\n').append(ctx.viewName()).append('\n').append(in.positions());
    }
    String id = "curated-" + sha256(positions.toString());
    CompletableFuture<Long> done = new CompletableFuture<>();
    Thread append =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                offline.appendCuratedDistinct(ctx.layout().spec(ctx.project()), id, fresh);
                progress.addCuratedFiles(
                    ctx.project(), ctx.source().name(), in.uncuratedFiles(), id);
                done.complete((System.nanoTime() - t0) / 1_000_000);
              } catch (Throwable e) {
                done.completeExceptionally(e);
              }
            },
            "curated-append");
    append.setDaemon(true);
    append.start();
    return done;
  }

  private static long await(CompletableFuture<Long> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }

  private FeatureBatch transform(
      ViewContext ctx, ColumnBatch rows, AggregationTransform.Tiles tiles, ColumnBatch fresh) {
    if (tiles != null) {
      tiles.addAll(fresh);
      return tiles.finish();
    }
    FeatureBatch batch = SelectTransform.apply(ctx, rows);
    if (ctx.source().type() != SourceType.POSTGRES || !ctx.view().isOffline()) {
      return batch;
    }
    List<Object[]> written =
        SelectRowsWritten.drop(offline.catalog(), ctx.featureTable(), batch.offlineRows());
    return new FeatureBatch(written, batch.onlineWrites(), batch.newestEvent());
  }

  private Object finish(ViewContext ctx, RunRequest request, BatchInput in, Instant newest) {
    if (request.isBackfill()) {
      return null; // a backfill rewrites a range; the incremental position stays where it was
    }
    progress.commit(ctx, in.files(), in.watermark(), newest);
    if (!ctx.version().isBackfillComplete()) {
      registry.setBackfillState(ctx.project(), ctx.viewName(), ctx.versionNumber(), "COMPLETE");
    }
    return null;
  }

  static String batchId(ViewContext ctx, RunRequest r, BatchInput in) {
    String text =
        ctx.project()
            + "/"
            + ctx.viewName()
            + "/v"
            + ctx.versionNumber()
            + "|"
            + r.mode()
            + "|"
            + r.start()
            + "|"
            + r.end()
            + "|"
            + in.positions();
    return sha256(text);
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String extraColumnsWarning(ViewContext ctx, BatchInput in) {
    return in.extraColumns().isEmpty()
        ? null
        : "source "
            + ctx.source().name()
            + " has undeclared columns, ignored: "
            + in.extraColumns();
  }

  private static String join(String a, String b) {
    return a == null ? b : a + "; " + b;
  }

  private static RunOutcome outcome(
      ViewContext ctx, BatchInput in, long written, String quality, Stages s, String warning) {
    return new RunOutcome(
        ctx.versionNumber(),
        in.rows().size(),
        written,
        in.rejectedCount(),
        quality,
        s.ordered(),
        warning);
  }

  private static String json(QualityReport report) {
    try {
      return JSON.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
