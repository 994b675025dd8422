package io.quiver.materializer.api;

import io.quiver.materializer.run.ProgressStore;
import io.quiver.materializer.run.RunRecord;
import io.quiver.materializer.run.RunStatus;
import io.quiver.materializer.run.RunStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A view's materialization health: freshness, last runs, recent error rate. */
@Path("/api/v1/projects/{project}/feature-views/{view}/health")
@Produces(MediaType.APPLICATION_JSON)
public class ViewHealthResource {
  private static final int RECENT = 20;
  private final RunStore runs;
  private final ProgressStore progress;

  public ViewHealthResource(RunStore runs, ProgressStore progress) {
    this.runs = runs;
    this.progress = progress;
  }

  /** The health document. */
  public record ViewHealth(
      String project,
      String view,
      Integer version,
      Instant newestEvent,
      Double freshnessSeconds,
      Instant lastSuccessAt,
      String lastStatus,
      String lastError,
      long lastRowsWritten,
      int recentRuns,
      int recentFailures,
      double errorRate) {}

  @GET
  public ViewHealth health(@PathParam("project") String project, @PathParam("view") String view) {
    List<RunRecord> recent = runs.recent(project, view, RECENT);
    var stats = progress.stats(project, view);
    if (recent.isEmpty() && stats.isEmpty()) {
      throw new ProblemMappers.NotFoundException(
          "view " + view + " of project " + project + " was never materialized");
    }
    RunRecord last = recent.isEmpty() ? null : recent.get(0);
    int failures = (int) recent.stream().filter(r -> r.status() == RunStatus.FAILED).count();
    Instant newest = stats.map(ProgressStore.ViewStats::newestEvent).orElse(null);
    return new ViewHealth(
        project,
        view,
        stats.map(ProgressStore.ViewStats::version).orElse(null),
        newest,
        newest == null ? null : Duration.between(newest, Instant.now()).toMillis() / 1000.0,
        stats.map(ProgressStore.ViewStats::lastSuccess).orElse(null),
        last == null ? null : last.status().name(),
        last == null ? null : last.error(),
        last == null ? 0 : last.rowsWritten(),
        recent.size(),
        failures,
        recent.isEmpty() ? 0 : (double) failures / recent.size());
  }
}
