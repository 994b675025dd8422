package io.quiver.materializer.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.common.registry.RegistryUnavailableException;
import io.quiver.common.registry.UnknownDefinitionException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The materializer's errors as RFC 9457 problem+json, in one place. */
public class ProblemMappers {
  private static final ObjectMapper JSON = new ObjectMapper();

  @ServerExceptionMapper
  public Response bad(BadRequestException e) {
    return problem(400, "Invalid request", e.getMessage(), e.field());
  }

  @ServerExceptionMapper
  public Response unknown(UnknownDefinitionException e) {
    return problem(404, "Not found", e.getMessage(), null);
  }

  @ServerExceptionMapper
  public Response notFound(NotFoundException e) {
    return problem(404, "Not found", e.getMessage(), null);
  }

  @ServerExceptionMapper
  public Response registryDown(RegistryUnavailableException e) {
    return problem(503, "Registry unavailable", e.getMessage(), null);
  }

  static Response problem(int status, String title, String detail, String field) {
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank").put("title", title).put("status", status).put("detail", detail);
    if (field != null) {
      body.putArray("errors").addObject().put("field", field).put("message", detail);
    }
    return Response.status(status).type("application/problem+json").entity(body).build();
  }

  /** A run or view this service does not know. */
  public static class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
      super(message);
    }
  }
}
