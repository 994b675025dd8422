package io.quiver.serving;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/** A free port for the test gRPC server, and the test client pointed at it. */
public class GrpcPortResource implements QuarkusTestResourceLifecycleManager {
  @Override
  public Map<String, String> start() {
    String port = Integer.toString(freePort());
    return Map.of(
        "quarkus.grpc.server.test-port",
        port,
        "quarkus.grpc.clients.serving.host",
        "127.0.0.1",
        "quarkus.grpc.clients.serving.port",
        port,
        "quarkus.grpc.clients.health.host",
        "127.0.0.1",
        "quarkus.grpc.clients.health.port",
        port,
        "quiver.registry-refresh",
        "300ms");
  }

  @Override
  public void stop() {}

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
