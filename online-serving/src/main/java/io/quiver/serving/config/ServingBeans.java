package io.quiver.serving.config;

import io.quarkus.arc.DefaultBean;
import io.quiver.common.registry.CachedRegistry;
import io.quiver.common.registry.RegistryClient;
import io.quiver.serving.app.OnlineFeatureReader;
import io.quiver.serving.redis.RedisOnlineStoreReader;
import io.quiver.serving.registry.RegistryCatalogSource;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires the application class to its adapters. */
public class ServingBeans {

  /** The serving clock; tests replace it to serve "as of" a time. */
  @Produces
  @Singleton
  @DefaultBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @Singleton
  CachedRegistry registry(ServingConfig config) {
    return new CachedRegistry(new RegistryClient(config.registryUrl()), config.registryRefresh());
  }

  void close(@Disposes CachedRegistry registry) {
    registry.close();
  }

  @Produces
  @Singleton
  OnlineFeatureReader reader(
      CachedRegistry registry, Vertx vertx, Redis redis, ServingConfig config, Clock clock) {
    return new OnlineFeatureReader(
        new RegistryCatalogSource(registry),
        new RedisOnlineStoreReader(
            vertx, redis, config.redisUrl(), config.redisConnections(), config.redisTimeout()),
        clock);
  }
}
