package io.quiver.registry.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.plan.DesiredDefinition;
import io.quiver.core.validation.ValidationException;
import io.quiver.core.validation.Violations;
import io.quiver.registry.app.DefinitionCommands;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Plan and apply of a whole set of objects: {@code {"objects": [...], "prune": false}}. */
@Path("/api/v1/projects/{project}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {
  private static final Set<String> BODY_FIELDS = Set.of("objects", "prune");
  private final DefinitionCommands commands;

  PlanResource(DefinitionCommands commands) {
    this.commands = commands;
  }

  @POST
  @Path("plan")
  public ObjectNode plan(@PathParam("project") String project, JsonNode body) {
    Request r = parse(body);
    return RegistryJson.plan(commands.plan(Paths.project(project), r.objects(), r.prune()), false);
  }

  @POST
  @Path("apply")
  public ObjectNode apply(@PathParam("project") String project, JsonNode body) {
    Request r = parse(body);
    return RegistryJson.plan(commands.apply(Paths.project(project), r.objects(), r.prune()), true);
  }

  private record Request(List<DesiredDefinition> objects, boolean prune) {}

  private static Request parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ValidationException("body", null, "must be {\"objects\": [...], \"prune\": false}");
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!BODY_FIELDS.contains(f)) {
        throw new ValidationException(f, f, "is not a known field (expected objects, prune)");
      }
    }
    JsonNode objects = body.get("objects");
    if (objects == null || !objects.isArray()) {
      throw new ValidationException("objects", null, "is required: an array of definitions");
    }
    JsonNode prune = body.get("prune");
    if (prune != null && !prune.isBoolean()) {
      throw new ValidationException("prune", prune.toString(), "must be true or false");
    }
    Violations v = new Violations();
    List<DesiredDefinition> out = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      String at = "objects[" + i + "]";
      try {
        JsonNode o = objects.get(i);
        out.add(
            new DesiredDefinition(
                DefinitionJson.readAnyKind(o, at), DefinitionJson.expectedRevision(o, at), at));
      } catch (ValidationException e) {
        e.violations().forEach(x -> v.add(x.field(), x.value(), x.message()));
      }
    }
    v.throwIfAny();
    return new Request(out, prune != null && prune.asBoolean());
  }
}
