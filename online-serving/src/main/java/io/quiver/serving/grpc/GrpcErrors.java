package io.quiver.serving.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.common.registry.RegistryUnavailableException;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.core.online.OnlineStoreUnavailableException;
import io.quiver.serving.app.InvalidRequestException;
import java.util.concurrent.CompletionException;
import org.jboss.logging.Logger;

/** Domain failures → gRPC status codes, in one place. */
final class GrpcErrors {
  private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  static StatusRuntimeException toStatus(Throwable error) {
    Throwable e =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    Status status;
    if (e instanceof UnknownDefinitionException) {
      status = Status.NOT_FOUND;
    } else if (e instanceof InvalidRequestException) {
      status = Status.INVALID_ARGUMENT;
    } else if (e instanceof OnlineStoreUnavailableException
        || e instanceof RegistryUnavailableException) {
      status = Status.UNAVAILABLE;
    } else {
      LOG.error("GetOnlineFeatures failed", e);
      status = Status.INTERNAL;
    }
    return status.withDescription(e.getMessage()).asRuntimeException();
  }
}
