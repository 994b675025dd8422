package io.quiver.cli.serving;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quiver.cli.CliException;
import io.quiver.cli.Endpoints;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.serving.v1.OnlineServingGrpc;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code quiver.serving.v1.OnlineServing} over plaintext gRPC. The channel is made only by the
 * commands that fetch (so {@code --help} and the other commands never load gRPC) and connects on
 * the first call. A failed call becomes a one-line {@link CliException}.
 */
public final class OnlineServingClient implements AutoCloseable {
  static final Duration DEADLINE = Duration.ofSeconds(60);
  private final String target;
  private final ManagedChannel channel;

  /** {@code target} is {@code host:port} (as in {@code QUIVER_ONLINE_SERVING_GRPC}). */
  public OnlineServingClient(String target) {
    URI address = address(target);
    this.target = target;
    this.channel =
        ManagedChannelBuilder.forAddress(address.getHost(), address.getPort())
            .usePlaintext()
            .build();
  }

  public GetOnlineFeaturesResponse getOnlineFeatures(GetOnlineFeaturesRequest request) {
    try {
      return OnlineServingGrpc.newBlockingStub(channel)
          .withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getOnlineFeatures(request);
    } catch (StatusRuntimeException e) {
      throw failure(e.getStatus());
    }
  }

  /**
   * NOT_FOUND and INVALID_ARGUMENT carry the server's message naming the culprit. UNAVAILABLE with
   * a local cause means nothing answered at the address; without one, the server said so (its Redis
   * or registry is down).
   */
  CliException failure(Status status) {
    String detail =
        status.getDescription() == null
            ? status.getCode().name()
            : status.getDescription().lines().findFirst().orElse("");
    return new CliException(
        switch (status.getCode()) {
          case NOT_FOUND, INVALID_ARGUMENT -> "online serving: " + detail;
          case UNAVAILABLE ->
              status.getCause() != null
                  ? "cannot reach online serving (gRPC) at "
                      + target
                      + " (is it running? see './quiver dev status')"
                  : "online serving is unavailable: " + detail;
          case DEADLINE_EXCEEDED ->
              "online serving (gRPC at " + target + ") did not answer within " + DEADLINE;
          default -> "online serving failed: " + status.getCode() + ": " + detail;
        });
  }

  /** {@code host:port}; a scheme some users will add ({@code http://}) is ignored. */
  private static URI address(String target) {
    try {
      URI uri = new URI("grpc://" + target.replaceFirst("^[a-z]+://", ""));
      if (uri.getHost() != null && uri.getPort() >= 0) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new CliException(
        Endpoints.ONLINE_SERVING_GRPC + " must be host:port, not '" + target + "'");
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
