package io.quiver.export.engine;

import java.nio.file.Path;

/**
 * Resources one DuckDB export may use: {@code memoryLimit} (DuckDB syntax, e.g. {@code 1GB}) beyond
 * which it spills to {@code tempDirectory}, and {@code threads}.
 */
public record DuckDbSettings(String memoryLimit, int threads, Path tempDirectory) {
  public DuckDbSettings {
    if (!memoryLimit.matches("[0-9]+(\\.[0-9]+)?\\s*[KMGT]i?B")) {
      throw new IllegalArgumentException(
          "memory limit must look like 512MB or 2GB: " + memoryLimit);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, got " + threads);
    }
  }
}
