package io.quiver.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of Quiver's source tree, where the service modules' built jars live. */
final class SourceTree {
  private SourceTree() {}

  /** {@code QUIVER_SOURCE_ROOT}, else the nearest folder up from here holding the parent POM. */
  static Path root() {
    String configured = System.getenv("QUIVER_SOURCE_ROOT");
    if (configured != null) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (isRoot(dir)) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "not inside Quiver's source tree: set QUIVER_SOURCE_ROOT to the folder of its pom.xml");
  }

  private static boolean isRoot(Path dir) {
    Path pom = dir.resolve("pom.xml");
    try {
      return Files.isRegularFile(pom)
          && Files.readString(pom).contains("<artifactId>quiver-parent</artifactId>")
          && Files.isDirectory(dir.resolve("registry"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
