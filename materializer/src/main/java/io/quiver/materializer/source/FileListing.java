package io.quiver.materializer.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files a FILE source's {@code path} names: one file, every file of a folder (recursively), or
 * a glob ({@code data/user_events/*.parquet}, {@code **} across folders). Relative paths resolve
 * against the data root. Hidden files and files starting with {@code _} (e.g. {@code _SUCCESS}) are
 * skipped; a folder only yields files with the format's extension.
 */
public final class FileListing {
  private FileListing() {}

  public static List<FileRef> list(String path, String format, Path dataRoot) {
    if (path == null || path.isBlank()) {
      throw new SourceSchemaException("a FILE source needs a path");
    }
    String p = path.startsWith("file:") ? Path.of(java.net.URI.create(path)).toString() : path;
    int wildcard = firstWildcard(p);
    if (wildcard < 0) {
      Path exact = dataRoot.resolve(p);
      if (Files.isDirectory(exact)) {
        String ext = "." + format.toLowerCase(Locale.ROOT);
        return walk(exact, f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext));
      }
      return Files.isRegularFile(exact) ? List.of(ref(exact)) : List.of();
    }
    int slash = p.lastIndexOf('/', wildcard);
    Path base = dataRoot.resolve(slash < 0 ? "." : p.substring(0, Math.max(slash, 1)));
    PathMatcher matcher =
        FileSystems.getDefault().getPathMatcher("glob:" + dataRoot.resolve(p).normalize());
    return walk(base, f -> matcher.matches(f.normalize()));
  }

  private static int firstWildcard(String p) {
    for (int i = 0; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return i;
      }
    }
    return -1;
  }

  private static List<FileRef> walk(Path base, java.util.function.Predicate<Path> keep) {
    if (!Files.isDirectory(base)) {
      return List.of();
    }
    List<FileRef> files = new ArrayList<>();
    try (Stream<Path> all = Files.walk(base)) {
      all.filter(Files::isRegularFile)
          .filter(f -> !hidden(f))
          .filter(keep)
          .forEach(f -> files.add(ref(f)));
    } catch (IOException e) {
      throw new UncheckedIOException("listing " + base + " failed", e);
    }
    files.sort(Comparator.comparing(FileRef::path));
    return files;
  }

  private static boolean hidden(Path f) {
    String name = f.getFileName().toString();
    return name.startsWith(".") || name.startsWith("_");
  }

  private static FileRef ref(Path f) {
    try {
      BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
      return new FileRef(
          f.toAbsolutePath().normalize().toString(), a.size(), a.lastModifiedTime().toMillis());
    } catch (IOException e) {
      throw new UncheckedIOException("reading attributes of " + f + " failed", e);
    }
  }
}
