package io.quiver.export.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quiver.export.ExportConfig;
import io.quiver.export.engine.EntityFormat;
import io.quiver.export.engine.OutputFormat;
import io.quiver.export.engine.PointInTimeEngine;
import io.quiver.export.engine.PointInTimeQuery;
import io.quiver.export.plan.Digests;
import io.quiver.export.plan.Manifest;
import io.quiver.export.plan.QueryBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Runs export jobs on worker threads (never the event loop): plans the manifest's snapshots, runs
 * the engine into the job's folder, and records the finished manifest. Jobs a stopped instance left
 * unfinished are run again at start; output is written atomically, so that is safe.
 */
@ApplicationScoped
public class ExportRunner {
  private static final Logger LOG = Logger.getLogger(ExportRunner.class);
  private final ExportJobStore jobs;
  private final PointInTimeEngine engine;
  private final QueryBuilder queries;
  private final ArtifactsZone zone;
  private final ObjectMapper json;
  private final ExecutorService workers;

  public ExportRunner(
      ExportJobStore jobs,
      PointInTimeEngine engine,
      QueryBuilder queries,
      ArtifactsZone zone,
      ObjectMapper json,
      ExportConfig config) {
    this.jobs = jobs;
    this.engine = engine;
    this.queries = queries;
    this.zone = zone;
    this.json = json;
    this.workers =
        Executors.newFixedThreadPool(
            config.export().workers(),
            r -> {
              Thread t = new Thread(r, "quiver-export-worker");
              t.setDaemon(true);
              return t;
            });
  }

  void resume(@Observes StartupEvent start) {
    jobs.unfinished().forEach(j -> submit(j.id(), j.project()));
  }

  void stop(@Observes ShutdownEvent stop) {
    workers.shutdownNow();
  }

  public void submit(String id, String project) {
    workers.execute(() -> run(id, project));
  }

  private void run(String id, String project) {
    ExportJob job = jobs.find(project, id).orElseThrow();
    try {
      jobs.running(id);
      Manifest draft = json.readValue(job.plan(), Manifest.class);
      Path input = Path.of(job.entitiesPath());
      PointInTimeQuery q = queries.query(draft, input, EntityFormat.valueOf(job.entitiesFormat()));
      OutputFormat format = OutputFormat.parse(draft.format());
      Path dir = Files.createDirectories(zone.exportDir(project, id));
      Path output = dir.resolve(format.fileName());
      long rows = engine.export(q, format, output, f -> jobs.progress(id, f));
      Manifest done =
          draft.withDigests(
              new Manifest.Digest(inputName(job, input), Digests.sha256(input), rows),
              new Manifest.Digest(format.fileName(), Digests.sha256(output), rows));
      String manifest = json.writerWithDefaultPrettyPrinter().writeValueAsString(done);
      writeAtomically(dir.resolve("manifest.json"), manifest);
      jobs.succeeded(id, output.toUri().toString(), manifest);
    } catch (Exception | Error e) {
      LOG.warnf(e, "export %s failed", id);
      jobs.failed(id, e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  private static String inputName(ExportJob job, Path input) {
    boolean inline = EntityFormat.valueOf(job.entitiesFormat()) == EntityFormat.JSON;
    return inline ? "inline rows (JSON)" : input.toString();
  }

  private static void writeAtomically(Path file, String text) throws IOException {
    Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
    Files.writeString(tmp, text);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
  }
}
