package io.quiver.export.engine;

import java.util.Locale;

/** The dataset file's format: {@code part-0.parquet} or {@code part-0.csv}. */
public enum OutputFormat {
  PARQUET,
  CSV;

  public String fileName() {
    return "part-0." + name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code parquet} or {@code csv}, case-insensitively. */
  public static OutputFormat parse(String text) {
    for (OutputFormat f : values()) {
      if (f.name().equalsIgnoreCase(text)) {
        return f;
      }
    }
    throw new BadExportInputException("format", "must be parquet or csv, got '" + text + "'");
  }
}
