package io.quiver.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.validation.ValidationException;
import io.quiver.registry.app.DefinitionQueries;
import io.quiver.registry.store.ViewVersionRow;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/**
 * The versions of a view, the backfill state the materializer reports for each, and the whole
 * project in one read ({@code /catalog}) for clients that cache definitions.
 */
@Path("/api/v1/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VersionsResource {
  private static final Set<String> STATES = Set.of(ViewVersionRow.PENDING, ViewVersionRow.COMPLETE);
  private final DefinitionQueries queries;

  VersionsResource(DefinitionQueries queries) {
    this.queries = queries;
  }

  @GET
  @Path("feature-views/{name}/versions")
  public ArrayNode versions(@PathParam("project") String project, @PathParam("name") String name) {
    return RegistryJson.versions(queries.versions(Paths.project(project), name));
  }

  /** {@code {"state": "COMPLETE"}} once a version's backfill has finished. */
  @PUT
  @Path("feature-views/{name}/versions/{version}/backfill")
  public ObjectNode backfill(
      @PathParam("project") String project,
      @PathParam("name") String name,
      @PathParam("version") int version,
      JsonNode body) {
    JsonNode state = body == null ? null : body.get("state");
    if (state == null || !STATES.contains(state.asText()) || body.size() != 1) {
      throw new ValidationException(
          "state", state == null ? null : state.asText(), "must be PENDING or COMPLETE");
    }
    return RegistryJson.version(
        queries.setBackfillState(Paths.project(project), name, version, state.asText()));
  }

  @GET
  @Path("catalog")
  public ObjectNode catalog(@PathParam("project") String project) {
    Paths.project(project);
    ObjectNode out = DefinitionJson.mapper().createObjectNode();
    out.put("project", project);
    out.set("objects", RegistryJson.objects(queries.all(project)));
    out.set("viewVersions", RegistryJson.versions(queries.allVersions(project)));
    return out;
  }
}
