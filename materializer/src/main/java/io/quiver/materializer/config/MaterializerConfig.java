package io.quiver.materializer.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The materializer's settings: {@code quiver.*} properties, {@code QUIVER_*} variables. */
@ConfigMapping(prefix = "quiver")
public interface MaterializerConfig {
  /** The registry's base URL ({@code QUIVER_REGISTRY_URL}). */
  @WithDefault("http://127.0.0.1:8080")
  String registryUrl();

  /** JDBC URL of the service database, with credentials ({@code QUIVER_POSTGRES_URL}). */
  String postgresUrl();

  /** JDBC URL of the Iceberg catalog database ({@code QUIVER_CATALOG_URL}). */
  String catalogUrl();

  /** The online store ({@code QUIVER_REDIS_URL}). */
  String redisUrl();

  /** The Iceberg warehouse: a folder or a URI ({@code QUIVER_WAREHOUSE}). */
  String warehouse();

  /** Kafka, unused by batch runs (the devstack sets it for every service). */
  Optional<String> kafkaBootstrap();

  /** Folder that relative FILE source paths are resolved against; default: the working dir. */
  Optional<String> dataRoot();

  Runs runs();

  Scheduler scheduler();

  /** Test-only: halt the JVM (Runtime.halt) when a run reaches this named point. */
  Optional<String> testHaltAt();

  interface Runs {
    /** Runs executing at once in this process (each of a different view). */
    @WithDefault("2")
    int workers();

    /** Retries of a failed run before it is FAILED. */
    @WithDefault("2")
    int retries();

    /** Wait before the first retry; doubles per retry. */
    @WithDefault("2s")
    Duration backoff();

    /**
     * Share of a batch's rows that may be rejected (dead-lettered) while the run still succeeds; at
     * 0 (the default) one malformed row fails the run and the progress stays.
     */
    @WithDefault("0")
    double maxRejectedFraction();

    /** Rows per round trip of a POSTGRES source's cursor (what a read holds from the server). */
    @WithDefault("10000")
    int postgresFetchSize();

    /**
     * Source rows a run holds in memory at once. FILE input beyond it is materialized as successive
     * sub-batches, each a complete cycle (pending batch, curated, Iceberg, Redis, progress), split
     * at file boundaries. Unset: sized from the JVM's maximum heap ({@code run.SubBatchRows}).
     */
    Optional<Long> batchRows();

    /** Redis commands per pipelined batch. */
    @WithDefault("2000")
    int redisPipeline();
  }

  interface Scheduler {
    @WithDefault("true")
    boolean enabled();

    /** Projects whose views run on their schedule. */
    @WithDefault("default")
    List<String> projects();

    /** How often schedules are checked for a due slot. */
    @WithDefault("15s")
    Duration tick();
  }
}
