package io.quiver.serving.app;

import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.core.model.Names;
import io.quiver.core.online.OnlineStoreReader;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * GetOnlineFeatures: resolves the request against the project's cached definitions, reads every
 * view × entity row from the online store in one round trip, and answers a value and a status per
 * row and feature, judged against the clock (tests serve "as of" a time by injecting one).
 *
 * <p>Never blocks: the stage completes when the store answers. Fails with {@link
 * io.quiver.common.registry.UnknownDefinitionException}, {@link InvalidRequestException}, {@link
 * io.quiver.common.registry.RegistryUnavailableException} (first load of a project only) or {@link
 * io.quiver.core.online.OnlineStoreUnavailableException}; a missing entity is a status, never a
 * failure.
 */
public final class OnlineFeatureReader {
  private final CatalogSource catalogs;
  private final OnlineStoreReader store;
  private final Clock clock;
  private final ServingShapes shapes = new ServingShapes();

  public OnlineFeatureReader(CatalogSource catalogs, OnlineStoreReader store, Clock clock) {
    this.catalogs = catalogs;
    this.store = store;
    this.clock = clock;
  }

  public CompletionStage<List<FeatureColumn>> read(OnlineFeaturesQuery query) {
    if (!Names.isValid(query.project())) {
      // Never put a malformed name into a registry URL; no such project can exist.
      return CompletableFuture.failedFuture(
          new UnknownDefinitionException("project '" + query.project() + "' not found"));
    }
    return catalogs
        .catalog(query.project())
        .thenCompose(
            catalog -> {
              ServingPlan plan = ServingPlan.of(shapes.shape(catalog, query), query.rows());
              return store
                  .read(plan.reads())
                  .thenApply(result -> plan.answer(result, clock.instant()));
            });
  }
}
