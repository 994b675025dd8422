package io.quiver.export.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.RegistryClient;
import io.quiver.common.registry.ResolvedFeature;
import io.quiver.export.ExportConfig;
import io.quiver.export.api.ExportRequest;
import io.quiver.export.engine.BadExportInputException;
import io.quiver.export.engine.EntityFormat;
import io.quiver.export.engine.OutputFormat;
import io.quiver.export.engine.PointInTimeEngine;
import io.quiver.export.plan.Digests;
import io.quiver.export.plan.Manifest;
import io.quiver.export.plan.ManifestPlanner;
import io.quiver.export.plan.QueryBuilder;
import io.quiver.offline.IcebergOfflineStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * Accepts an export: everything that can be wrong with the request is found here, before a job
 * exists (features, entity columns and types, manifest snapshots and input digest), so the client
 * gets a 4xx; then the snapshots are tagged {@code export-<id>} and the job is queued.
 */
@ApplicationScoped
public class ExportService {
  private final ExportJobStore jobs;
  private final ExportRunner runner;
  private final RegistryClient registry;
  private final ManifestPlanner planner;
  private final QueryBuilder queries;
  private final PointInTimeEngine engine;
  private final IcebergOfflineStore store;
  private final ArtifactsZone zone;
  private final ObjectMapper json;
  private final int maxInlineRows;

  public ExportService(
      ExportJobStore jobs,
      ExportRunner runner,
      RegistryClient registry,
      ManifestPlanner planner,
      QueryBuilder queries,
      PointInTimeEngine engine,
      IcebergOfflineStore store,
      ArtifactsZone zone,
      ObjectMapper json,
      ExportConfig config) {
    this.jobs = jobs;
    this.runner = runner;
    this.registry = registry;
    this.planner = planner;
    this.queries = queries;
    this.engine = engine;
    this.store = store;
    this.zone = zone;
    this.json = json;
    this.maxInlineRows = config.export().maxInlineRows();
  }

  /** Validates and queues; returns the job id. */
  public String submit(String project, ExportRequest request) {
    String id = UUID.randomUUID().toString();
    if (request.entities() == null) {
      throw new BadExportInputException(
          "entities", "is required: {\"uri\": ...} or {\"rows\": [...]}");
    }
    Path input = entityInput(id, request.entities());
    EntityFormat format = inputFormat(input);
    Manifest draft = request.manifest() != null ? request.manifest() : plan(project, request);
    engine.validate(queries.query(draft, input, format));
    String sha = Digests.sha256(input);
    if (draft.input() != null && !draft.input().sha256().equals(sha)) {
      throw new ManifestMismatchException(
          "entities: the input's SHA-256 is " + sha + ", the manifest's " + draft.input().sha256());
    }
    tag(draft, id);
    jobs.insert(id, project, input.toString(), format.name(), write(draft.withDigests(null, null)));
    runner.submit(id, project);
    return id;
  }

  public Optional<ExportJob> find(String project, String id) {
    return jobs.find(project, id);
  }

  private Manifest plan(String project, ExportRequest r) {
    boolean byList = r.features() != null && !r.features().isEmpty();
    if (byList == (r.featureService() != null)) {
      throw new BadExportInputException("features", "give either features or featureService");
    }
    String format = OutputFormat.parse(r.format() == null ? "parquet" : r.format()).name();
    ProjectCatalog catalog = registry.fetch(project);
    List<ResolvedFeature> features =
        byList ? catalog.resolve(r.features()) : catalog.resolveService(r.featureService());
    Map<String, String> keyMap =
        byList ? Map.of() : catalog.service(r.featureService()).orElseThrow().joinKeyMap();
    boolean guard = r.leakageGuard() == null || r.leakageGuard();
    return planner.plan(
        catalog, features, keyMap, format.toLowerCase(java.util.Locale.ROOT), guard);
  }

  private Path entityInput(String id, ExportRequest.Entities e) {
    if ((e.uri() == null) == (e.rows() == null)) {
      throw new BadExportInputException("entities", "give exactly one of uri and rows");
    }
    if (e.uri() != null) {
      return e.uri().startsWith("file:") ? Path.of(URI.create(e.uri())) : Path.of(e.uri());
    }
    if (e.rows().size() > maxInlineRows) {
      throw new PayloadTooLargeException(
          "entities.rows has "
              + e.rows().size()
              + " rows, more than the limit of "
              + maxInlineRows
              + ": pass a Parquet or CSV file as entities.uri");
    }
    try {
      Path file = Files.createDirectories(zone.inlineInput(id).getParent()).resolve(id + ".json");
      Files.write(file, json.writeValueAsBytes(e.rows()));
      return file;
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  private static EntityFormat inputFormat(Path input) {
    String name = input.getFileName().toString();
    if (name.endsWith(".json")) {
      return EntityFormat.JSON;
    }
    EntityFormat f = EntityFormat.fromFileName(name);
    if (f == null) {
      throw new BadExportInputException(
          "entities.uri", "must name a .parquet or .csv file: " + name);
    }
    return f;
  }

  private void tag(Manifest m, String id) {
    for (Manifest.ManifestView v : m.views()) {
      if (v.snapshotId() != null) {
        store.tagSnapshot(TableIdentifier.parse(v.table()), v.snapshotId(), "export-" + id);
      }
      if (v.curatedSnapshotId() != null) {
        store.tagSnapshot(
            TableIdentifier.parse(v.curatedTable()), v.curatedSnapshotId(), "export-" + id);
      }
    }
  }

  private String write(Manifest m) {
    try {
      return json.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
