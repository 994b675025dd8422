package io.quiver.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The export service's settings: {@code QUIVER_*} variables or {@code quiver.*} properties. */
@ConfigMapping(prefix = "quiver")
public interface ExportConfig {
  /** QUIVER_REGISTRY_URL. */
  @WithDefault("http://127.0.0.1:8080")
  String registryUrl();

  /** QUIVER_POSTGRES_URL: job state, schema {@code export}. */
  String postgresUrl();

  /** QUIVER_CATALOG_URL: the Iceberg JDBC catalog's own database. */
  @WithDefault("jdbc:postgresql://127.0.0.1:5432/quiver_catalog?user=postgres&password=postgres")
  String catalogUrl();

  /** QUIVER_WAREHOUSE: datasets go to {@code <warehouse>/artifacts/<project>/exports/<id>/}. */
  String warehouse();

  /** QUIVER_HOME: local state; inline entity rows and DuckDB's spill files live under it. */
  Optional<String> home();

  Export export();

  /** Engine limits. */
  interface Export {
    /** DuckDB's memory limit per export; past it, DuckDB spills to {@code <home>/export/spill}. */
    @WithDefault("1GB")
    String memoryLimit();

    @WithDefault("2")
    int threads();

    /** Exports run at once; more wait QUEUED. */
    @WithDefault("1")
    int workers();

    /** Inline entity rows accepted in one request; larger inputs must be a file {@code uri}. */
    @WithDefault("100000")
    int maxInlineRows();
  }
}
