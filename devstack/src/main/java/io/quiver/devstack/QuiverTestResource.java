package io.quiver.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Points a {@code @QuarkusTest} at the JVM-wide {@link DevStack#shared shared stack}. Choose the
 * servers with the init arg {@code components} (default {@code postgres,redis,kafka}):
 *
 * <pre>{@code
 * @WithTestResource(value = QuiverTestResource.class,
 *     initArgs = @ResourceArg(name = "components", value = "postgres"))
 * }</pre>
 *
 * <p>{@link #stop()} stops nothing: the servers outlive Quarkus restarts and stop with the JVM.
 */
public class QuiverTestResource implements QuarkusTestResourceLifecycleManager {
  public static final String COMPONENTS_ARG = "components";

  private Set<Component> components = EnumSet.allOf(Component.class);

  @Override
  public void init(Map<String, String> initArgs) {
    String list = initArgs.get(COMPONENTS_ARG);
    if (list != null) {
      components = Component.parseList(list);
    }
  }

  @Override
  public Map<String, String> start() {
    return properties(DevStack.shared(components));
  }

  @Override
  public void stop() {
    // Shared servers stop with the JVM (DevStack's shutdown hook), not with one Quarkus run.
  }

  /** Quarkus' own names and the {@code quiver.*} twins of the {@code QUIVER_*} variables. */
  static Map<String, String> properties(StackEndpoints endpoints) {
    Map<String, String> config = new LinkedHashMap<>();
    if (endpoints.postgres() != null) {
      config.put("quarkus.datasource.jdbc.url", endpoints.postgres().url());
      config.put("quarkus.datasource.username", endpoints.postgres().user());
      config.put("quarkus.datasource.password", endpoints.postgres().password());
      config.put("quiver.postgres-url", endpoints.postgres().withCredentials());
    }
    if (endpoints.catalog() != null) {
      config.put("quiver.catalog-url", endpoints.catalog().withCredentials());
    }
    if (endpoints.redisUrl() != null) {
      config.put("quarkus.redis.hosts", endpoints.redisUrl());
      config.put("quiver.redis-url", endpoints.redisUrl());
    }
    if (endpoints.kafkaBootstrap() != null) {
      config.put("kafka.bootstrap.servers", endpoints.kafkaBootstrap());
      config.put("quiver.kafka-bootstrap", endpoints.kafkaBootstrap());
    }
    if (endpoints.warehouse() != null) {
      config.put("quiver.warehouse", endpoints.warehouse());
    }
    return config;
  }
}
