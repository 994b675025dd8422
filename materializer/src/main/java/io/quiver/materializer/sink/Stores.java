package io.quiver.materializer.sink;

import io.quiver.common.registry.RegistryClient;
import io.quiver.materializer.config.MaterializerConfig;
import io.quiver.offline.IcebergOfflineStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/** The adapters built from configuration: the Iceberg offline store and the registry client. */
@ApplicationScoped
public class Stores {
  @Produces
  @Singleton
  IcebergOfflineStore offlineStore(MaterializerConfig config) {
    return IcebergOfflineStore.open(config.catalogUrl(), config.warehouse());
  }

  void close(@Disposes IcebergOfflineStore store) {
    store.close();
  }

  @Produces
  @Singleton
  RegistryClient registry(MaterializerConfig config) {
    return new RegistryClient(URI.create(config.registryUrl()), Duration.ofSeconds(10));
  }
}
