package io.quiver.devstack;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * For services that learn definitions from the registry: the shared devstack (PostgreSQL always,
 * plus the {@code components} init arg, default {@code postgres,redis}) and one real registry
 * process per JVM, whose URL becomes {@code quiver.registry-url}.
 *
 * <pre>{@code
 * @WithTestResource(value = RegistryTestResource.class,
 *     initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
 * }</pre>
 */
public class RegistryTestResource implements QuarkusTestResourceLifecycleManager {
  public static final String REGISTRY_URL = "quiver.registry-url";
  private Set<Component> components = EnumSet.of(Component.POSTGRES, Component.REDIS);

  @Override
  public void init(Map<String, String> initArgs) {
    String list = initArgs.get(QuiverTestResource.COMPONENTS_ARG);
    if (list != null) {
      components = EnumSet.copyOf(Component.parseList(list));
      components.add(Component.POSTGRES);
    }
  }

  @Override
  public Map<String, String> start() {
    StackEndpoints endpoints = DevStack.shared(components);
    Map<String, String> config = new LinkedHashMap<>(QuiverTestResource.properties(endpoints));
    config.put(REGISTRY_URL, ServiceProcess.shared("registry", endpoints.toEnv()).toString());
    return config;
  }

  @Override
  public void stop() {
    // The registry and the servers stop with the JVM, not with one Quarkus run.
  }
}
