package io.quiver.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Kills a native server when this JVM dies without running its shutdown hooks (kill -9, a crashed
 * surefire fork): a shell waits for EOF on a pipe only we hold, then signals the server. Kafka's
 * child JVM watches its own stdin instead.
 */
final class OrphanGuard implements AutoCloseable {
  private final Process shell;

  private OrphanGuard(Process shell) {
    this.shell = shell;
  }

  /** Sends {@code signal} (e.g. {@code INT}) to {@code pid} once this JVM is gone. */
  static OrphanGuard watch(long pid, String signal) {
    ProcessBuilder builder =
        new ProcessBuilder(
            "sh", "-c", "cat >/dev/null; kill -" + signal + " " + pid + " 2>/dev/null");
    builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      return new OrphanGuard(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the orphan guard", e);
    }
  }

  /** Call after the server stopped: the guard's signal then hits no one. */
  @Override
  public void close() {
    shell.destroy();
  }
}
