package io.quiver.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.model.Definition;
import io.quiver.core.model.Kind;
import io.quiver.core.plan.DesiredDefinition;
import io.quiver.core.plan.Plan;
import io.quiver.core.validation.ValidationException;
import io.quiver.registry.app.DefinitionCommands;
import io.quiver.registry.app.DefinitionQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** PUT, GET, DELETE and list of one kind of definition. */
@Path("/api/v1/projects/{project}/{kind: " + Paths.KINDS + "}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DefinitionsResource {
  private final DefinitionCommands commands;
  private final DefinitionQueries queries;

  DefinitionsResource(DefinitionCommands commands, DefinitionQueries queries) {
    this.commands = commands;
    this.queries = queries;
  }

  @GET
  public ArrayNode list(@PathParam("project") String project, @PathParam("kind") String kind) {
    return RegistryJson.objects(queries.list(Paths.project(project), Paths.kind(kind)));
  }

  @GET
  @Path("{name}")
  public ObjectNode get(
      @PathParam("project") String project,
      @PathParam("kind") String kind,
      @PathParam("name") String name) {
    return RegistryJson.object(queries.get(Paths.project(project), Paths.kind(kind), name));
  }

  /** Creates or replaces one object; 201 when created, 200 when changed or unchanged. */
  @PUT
  @Path("{name}")
  public Response put(
      @PathParam("project") String project,
      @PathParam("kind") String kindSegment,
      @PathParam("name") String name,
      JsonNode body) {
    Kind kind = Paths.kind(kindSegment);
    Paths.project(project);
    Paths.name(name);
    JsonNode named = withName(body, name);
    Definition d = DefinitionJson.read(kind, named, "");
    Long expected = DefinitionJson.expectedRevision(named, "");
    Plan plan = commands.apply(project, List.of(new DesiredDefinition(d, expected, "")), false);
    boolean created = plan.changes().get(0).action() == io.quiver.core.plan.Action.CREATE;
    ObjectNode out = RegistryJson.object(queries.get(project, kind, name));
    return Response.status(created ? 201 : 200).entity(out).build();
  }

  @DELETE
  @Path("{name}")
  public Response delete(
      @PathParam("project") String project,
      @PathParam("kind") String kind,
      @PathParam("name") String name) {
    commands.delete(Paths.project(project), Paths.kind(kind), name);
    return Response.noContent().build();
  }

  private static JsonNode withName(JsonNode body, String name) {
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", null, "must be a JSON object");
    }
    JsonNode given = body.get("name");
    if (given != null && !name.equals(given.asText())) {
      throw new ValidationException(
          "name", given.asText(), "must match the name in the path ('" + name + "')");
    }
    return ((ObjectNode) body.deepCopy()).put("name", name);
  }
}
