package io.quiver.materializer.source;

/** A source file as seen once: its path, size and modification time (millis) are its position. */
public record FileRef(String path, long size, long mtime) {
  /** The position text, stable across runs: {@code path|size|mtime}. */
  public String position() {
    return path + "|" + size + "|" + mtime;
  }
}
