package io.quiver.materializer.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.common.registry.RegistryClient;
import io.quiver.materializer.run.RunExecutor;
import io.quiver.materializer.run.RunRecord;
import io.quiver.materializer.run.RunRequest;
import io.quiver.materializer.run.RunStore;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Start a materialization run of a view, read a run's status. */
@Path("/api/v1/projects/{project}/feature-views/{view}/materializations")
@Produces(MediaType.APPLICATION_JSON)
public class MaterializationsResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> FIELDS = Set.of("mode", "start", "end");
  private final RunExecutor executor;
  private final RunStore runs;
  private final RegistryClient registry;

  public MaterializationsResource(RunExecutor executor, RunStore runs, RegistryClient registry) {
    this.executor = executor;
    this.runs = runs;
    this.registry = registry;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response start(
      @PathParam("project") String project, @PathParam("view") String view, String body) {
    RunRequest request = parse(project, view, body);
    if (registry.fetch(project).view(view).isEmpty()) {
      throw new ProblemMappers.NotFoundException(
          "project '" + project + "' has no feature view '" + view + "'");
    }
    UUID id = executor.submit(request);
    return Response.accepted(Map.of("id", id.toString())).build();
  }

  @GET
  @Path("/{id}")
  public RunView get(
      @PathParam("project") String project,
      @PathParam("view") String view,
      @PathParam("id") String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("id", "'" + id + "' is not a run id (a UUID)");
    }
    RunRecord run =
        runs.get(uuid)
            .filter(r -> r.project().equals(project) && r.view().equals(view))
            .orElseThrow(
                () -> new ProblemMappers.NotFoundException("no run " + id + " of view " + view));
    return RunView.of(run);
  }

  static RunRequest parse(String project, String view, String body) {
    JsonNode node;
    try {
      node = JSON.readTree(body == null || body.isBlank() ? "{}" : body);
    } catch (java.io.IOException e) {
      throw new BadRequestException("body", "is not valid JSON: " + e.getMessage());
    }
    if (!node.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw new BadRequestException(
            f, "unknown field '" + f + "'; expected mode, or start and end");
      }
    }
    String mode = node.path("mode").asText(null);
    boolean range = node.has("start") || node.has("end");
    if (!range) {
      if (mode != null && !mode.equals("incremental")) {
        throw new BadRequestException(
            "mode", "mode must be 'incremental', or give start and end for a backfill");
      }
      return RunRequest.incremental(project, view, "api");
    }
    if (mode != null && !mode.equals("backfill")) {
      throw new BadRequestException(
          "mode", "a run with start and end is a backfill, not '" + mode + "'");
    }
    Instant start = instant(node, "start");
    Instant end = instant(node, "end");
    if (!start.isBefore(end)) {
      throw new BadRequestException("end", "end must be after start");
    }
    return new RunRequest(project, view, start, end, "api");
  }

  private static Instant instant(JsonNode node, String field) {
    String text = node.path(field).asText(null);
    if (text == null) {
      throw new BadRequestException(field, field + " is required for a backfill");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequestException(
          field, "'" + text + "' is not an ISO-8601 UTC time like 2024-01-01T00:00:00Z");
    }
  }
}
