package io.quiver.export.engine;

import java.util.Locale;

/** How an entity input file is encoded: a Parquet or CSV file, or the JSON array of inline rows. */
public enum EntityFormat {
  PARQUET,
  CSV,
  JSON;

  /** The format a file name implies ({@code .parquet}, {@code .csv}), or null. */
  public static EntityFormat fromFileName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".parquet")) {
      return PARQUET;
    }
    return lower.endsWith(".csv") ? CSV : null;
  }

  String duckDbReader(String quotedPath) {
    return switch (this) {
      case PARQUET -> "read_parquet(" + quotedPath + ")";
      case CSV -> "read_csv(" + quotedPath + ", header=true, auto_detect=true)";
      case JSON -> "read_json(" + quotedPath + ", format='array')";
    };
  }
}
