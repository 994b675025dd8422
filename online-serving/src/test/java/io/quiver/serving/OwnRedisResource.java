package io.quiver.serving;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quiver.devstack.QuiverTestResource;
import io.quiver.devstack.RegistryTestResource;
import java.util.HashMap;
import java.util.Map;

/** The shared registry, but a Redis of the test's own (see {@link OwnRedis}). */
public class OwnRedisResource implements QuarkusTestResourceLifecycleManager {
  private int port;

  @Override
  public Map<String, String> start() {
    RegistryTestResource registry = new RegistryTestResource();
    registry.init(Map.of(QuiverTestResource.COMPONENTS_ARG, "postgres"));
    Map<String, String> config = new HashMap<>(registry.start());
    config.putAll(new GrpcPortResource().start());
    port = GrpcPortResource.freePort();
    OwnRedis.start(port);
    String url = "redis://127.0.0.1:" + port;
    config.put("quarkus.redis.hosts", url);
    config.put("quiver.redis-url", url);
    return config;
  }

  @Override
  public void stop() {
    OwnRedis.shutdown(port);
  }
}
