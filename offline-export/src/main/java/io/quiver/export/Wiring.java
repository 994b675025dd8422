package io.quiver.export;

import io.quiver.common.registry.RegistryClient;
import io.quiver.export.engine.DuckDbPointInTimeEngine;
import io.quiver.export.engine.DuckDbSettings;
import io.quiver.export.engine.PointInTimeEngine;
import io.quiver.export.job.ArtifactsZone;
import io.quiver.export.plan.ManifestPlanner;
import io.quiver.export.plan.QueryBuilder;
import io.quiver.offline.IcebergOfflineStore;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;

/** The framework-free parts as beans, from {@link ExportConfig}. */
@Singleton
public class Wiring {
  static final String ENGINE = "duckdb 1.5.2";

  @Produces
  @Singleton
  IcebergOfflineStore offlineStore(ExportConfig config) {
    return IcebergOfflineStore.open(config.catalogUrl(), config.warehouse());
  }

  void close(@Disposes IcebergOfflineStore store) {
    store.close();
  }

  @Produces
  @Singleton
  PointInTimeEngine engine(ExportConfig config, ArtifactsZone zone) {
    ExportConfig.Export e = config.export();
    return new DuckDbPointInTimeEngine(
        new DuckDbSettings(e.memoryLimit(), e.threads(), zone.spill()));
  }

  @Produces
  @Singleton
  RegistryClient registry(ExportConfig config) {
    return new RegistryClient(URI.create(config.registryUrl()));
  }

  @Produces
  @Singleton
  ManifestPlanner planner(IcebergOfflineStore store) {
    return new ManifestPlanner(store, ENGINE);
  }

  @Produces
  @Singleton
  QueryBuilder queries(IcebergOfflineStore store) {
    return new QueryBuilder(store);
  }
}
