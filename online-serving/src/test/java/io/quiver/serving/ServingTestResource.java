package io.quiver.serving;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quiver.devstack.QuiverTestResource;
import io.quiver.devstack.RegistryTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * What every serving test runs against: the shared real registry (with its PostgreSQL), a
 * redis-server of this module's own ({@link OwnRedis}, so the outage test can stop and restart it
 * without touching the shared one), and a free port for the test gRPC server and clients. Every
 * test class uses exactly this resource, so Quarkus starts once.
 */
public class ServingTestResource implements QuarkusTestResourceLifecycleManager {
  private int redisPort;

  @Override
  public Map<String, String> start() {
    RegistryTestResource registry = new RegistryTestResource();
    registry.init(Map.of(QuiverTestResource.COMPONENTS_ARG, "postgres"));
    Map<String, String> config = new HashMap<>(registry.start());
    redisPort = FreePort.free();
    OwnRedis.start(redisPort);
    String redisUrl = "redis://127.0.0.1:" + redisPort;
    config.put("quarkus.redis.hosts", redisUrl);
    config.put("quiver.redis-url", redisUrl);
    String grpc = Integer.toString(FreePort.free());
    config.put("quarkus.grpc.server.test-port", grpc);
    for (String client : new String[] {"serving", "health"}) {
      config.put("quarkus.grpc.clients." + client + ".host", "127.0.0.1");
      config.put("quarkus.grpc.clients." + client + ".port", grpc);
    }
    config.put("quiver.registry-refresh", "300ms");
    return config;
  }

  @Override
  public void stop() {
    OwnRedis.shutdown(redisPort);
  }
}
