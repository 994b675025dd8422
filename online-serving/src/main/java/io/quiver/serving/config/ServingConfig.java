package io.quiver.serving.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Online serving's settings ({@code QUIVER_*} environment variables or {@code quiver.*}). */
@ConfigMapping(prefix = "quiver")
public interface ServingConfig {
  /** {@code QUIVER_REGISTRY_URL}: where definitions come from. */
  @WithDefault("http://127.0.0.1:8080")
  URI registryUrl();

  /**
   * {@code QUIVER_REGISTRY_REFRESH}: how often cached definitions are reloaded in the background.
   */
  @WithDefault("10s")
  Duration registryRefresh();

  /** {@code QUIVER_REDIS_URL}: the online store (also {@code quarkus.redis.hosts}). */
  @WithDefault("redis://127.0.0.1:6379")
  String redisUrl();

  /**
   * {@code QUIVER_REDIS_CONNECTIONS}: long-lived connections per event loop that the requests on
   * that loop share, pipelined (one loop serves a gRPC connection; Redis is single-threaded).
   */
  @WithDefault("1")
  int redisConnections();

  /** {@code QUIVER_REDIS_TIMEOUT}: a read not answered by then is UNAVAILABLE. */
  @WithDefault("500ms")
  Duration redisTimeout();
}
