package io.quiver.serving.rest;

import io.quiver.common.registry.RegistryUnavailableException;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.core.online.OnlineStoreUnavailableException;
import io.quiver.serving.app.InvalidRequestException;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Domain failures → problem+json (RFC 9457), in one place; the gRPC twin is GrpcErrors. */
public class ProblemMapper {

  @ServerExceptionMapper({
    UnknownDefinitionException.class,
    InvalidRequestException.class,
    OnlineStoreUnavailableException.class,
    RegistryUnavailableException.class,
    CompletionException.class
  })
  public Response map(RuntimeException error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    int status =
        e instanceof UnknownDefinitionException
            ? 404
            : e instanceof InvalidRequestException
                ? 400
                : e instanceof OnlineStoreUnavailableException
                        || e instanceof RegistryUnavailableException
                    ? 503
                    : 500;
    return Response.status(status)
        .type("application/problem+json")
        .entity(
            Map.of(
                "status", status,
                "title", Response.Status.fromStatusCode(status).getReasonPhrase(),
                "detail", String.valueOf(e.getMessage())))
        .build();
  }
}
