package io.quiver.serving.app;

import io.quiver.common.registry.ProjectCatalog;
import java.util.concurrent.CompletionStage;

/**
 * Where serving learns a project's definitions. Implementations answer from a cache, waiting on the
 * registry only for a project's first load.
 */
@FunctionalInterface
public interface CatalogSource {
  CompletionStage<ProjectCatalog> catalog(String project);
}
