package io.quiver.serving.registry;

import io.quiver.common.registry.CachedRegistry;
import io.quiver.common.registry.ProjectCatalog;
import io.quiver.serving.app.CatalogSource;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Catalogs from the shared {@link CachedRegistry}: a loaded project answers from memory on the
 * caller's thread; a project's first load (a blocking HTTP call) runs on a worker thread, so the
 * event loop never waits on the registry.
 */
public final class RegistryCatalogSource implements CatalogSource {
  private final CachedRegistry registry;
  private final Set<String> loaded = ConcurrentHashMap.newKeySet();

  public RegistryCatalogSource(CachedRegistry registry) {
    this.registry = registry;
  }

  @Override
  public CompletionStage<ProjectCatalog> catalog(String project) {
    if (loaded.contains(project)) {
      return CompletableFuture.completedFuture(registry.catalog(project));
    }
    return CompletableFuture.supplyAsync(
        () -> {
          ProjectCatalog catalog = registry.catalog(project);
          loaded.add(project);
          return catalog;
        },
        Infrastructure.getDefaultWorkerPool());
  }
}
