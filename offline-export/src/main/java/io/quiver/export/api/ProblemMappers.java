package io.quiver.export.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.json.DefinitionJson;
import io.quiver.common.registry.RegistryUnavailableException;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.export.engine.BadExportInputException;
import io.quiver.export.job.ManifestMismatchException;
import io.quiver.export.job.PayloadTooLargeException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Export errors to RFC 9457 problem+json, in one place (the registry's pattern). */
public class ProblemMappers {
  static final String PROBLEM_JSON = "application/problem+json";

  @ServerExceptionMapper
  public Response badInput(BadExportInputException e) {
    return problem(400, "Invalid export request", e.getMessage(), e.field());
  }

  @ServerExceptionMapper
  public Response unknown(UnknownDefinitionException e) {
    return problem(400, "Unknown feature", e.getMessage(), "features");
  }

  @ServerExceptionMapper
  public Response badArgument(IllegalArgumentException e) {
    return problem(400, "Invalid export request", e.getMessage(), null);
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    return problem(400, "Malformed JSON", e.getOriginalMessage(), "body");
  }

  @ServerExceptionMapper
  public Response tooLarge(PayloadTooLargeException e) {
    return problem(413, "Entity input too large", e.getMessage(), "entities.rows");
  }

  @ServerExceptionMapper
  public Response mismatch(ManifestMismatchException e) {
    return problem(409, "Input differs from the manifest", e.getMessage(), "entities");
  }

  @ServerExceptionMapper
  public Response missing(NotFoundException e) {
    return problem(404, "Not found", e.getMessage(), null);
  }

  @ServerExceptionMapper
  public Response registryDown(RegistryUnavailableException e) {
    return problem(503, "Registry unavailable", e.getMessage(), null);
  }

  static Response problem(int status, String title, String detail, String field) {
    ObjectNode body = DefinitionJson.mapper().createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title);
    body.put("status", status);
    body.put("detail", detail);
    ArrayNode errors = body.putArray("errors");
    if (field != null) {
      errors.addObject().put("field", field).put("message", detail);
    }
    return Response.status(status).type(PROBLEM_JSON).entity(body).build();
  }
}
