package io.quiver.registry.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.core.plan.NotFoundException;
import io.quiver.core.plan.RevisionConflictException;
import io.quiver.core.validation.ValidationException;
import io.quiver.core.validation.Violation;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain exceptions to RFC 9457 problem+json, in one place. */
public class ProblemMappers {
  static final String PROBLEM_JSON = "application/problem+json";

  @ServerExceptionMapper
  public Response invalid(ValidationException e) {
    return problem(400, "Invalid request", e.getMessage(), e.violations());
  }

  @ServerExceptionMapper
  public Response badArgument(IllegalArgumentException e) {
    return problem(400, "Invalid request", e.getMessage(), List.of());
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    return problem(
        400,
        "Malformed JSON",
        e.getOriginalMessage(),
        List.of(new Violation("body", null, "is not valid JSON: " + e.getOriginalMessage())));
  }

  @ServerExceptionMapper
  public Response missing(NotFoundException e) {
    return problem(404, "Not found", e.getMessage(), List.of());
  }

  @ServerExceptionMapper
  public Response conflict(RevisionConflictException e) {
    return problem(
        409, "Conflict", e.getMessage(), List.of(new Violation(e.field(), null, e.getMessage())));
  }

  static Response problem(int status, String title, String detail, List<Violation> errors) {
    ObjectNode body = DefinitionJson.mapper().createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    ArrayNode list = body.putArray("errors");
    for (Violation v : errors) {
      ObjectNode n = list.addObject().put("field", v.field()).put("message", v.message());
      if (v.value() != null) {
        n.put("value", String.valueOf(v.value()));
      }
    }
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }
}
