package io.quiver.offline;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.jdbc.JdbcCatalog;

/** Opens Quiver's Iceberg catalog. */
public final class IcebergCatalogs {
  /** The catalog name every engine (this module, Spark) uses over the same JDBC database. */
  public static final String CATALOG_NAME = "quiver";

  private IcebergCatalogs() {}

  /**
   * A JDBC catalog over {@code catalogJdbcUrl} (a PostgreSQL database of its own, credentials in
   * the URL) with tables under {@code warehouse}: a local folder, a {@code file:} URI, or an {@code
   * s3://} URI (that needs iceberg-aws and {@code io-impl}, passed in {@code extraProperties}).
   */
  public static JdbcCatalog open(
      String catalogJdbcUrl, String warehouse, Map<String, String> extraProperties) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.URI, catalogJdbcUrl);
    properties.put(CatalogProperties.WAREHOUSE_LOCATION, warehouseUri(warehouse));
    properties.put("jdbc.schema-version", "V1");
    properties.putAll(extraProperties);
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.setConf(hadoopConf());
    catalog.initialize(CATALOG_NAME, properties);
    return catalog;
  }

  public static JdbcCatalog open(String catalogJdbcUrl, String warehouse) {
    return open(catalogJdbcUrl, warehouse, Map.of());
  }

  static String warehouseUri(String warehouse) {
    if (warehouse == null || warehouse.isBlank()) {
      throw new IllegalArgumentException(
          "warehouse must be a folder or a URI, got '" + warehouse + "'");
    }
    if (warehouse.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) { // a URI; two letters at least: not C:
      return warehouse;
    }
    return Path.of(warehouse).toAbsolutePath().normalize().toUri().toString();
  }

  private static Configuration hadoopConf() {
    Configuration conf = new Configuration();
    // The checksummed local file system writes a .crc file beside every data file and costs time.
    conf.set("fs.file.impl", "org.apache.hadoop.fs.RawLocalFileSystem");
    return conf;
  }
}
