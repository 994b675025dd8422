package io.quiver.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting for a server process to be ready, and stopping it for good. */
final class Processes {
  // Generous: on a loaded 2-core CI machine a Quarkus service or Kafka can take over a minute to
  // answer, and a slow start is not a failure; a dead process still fails at once (see await).
  static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private Processes() {}

  /** Polls {@code ready} until true; fails with the log's tail if the process dies or times out. */
  static void await(Process process, String name, Path log, BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + tail(log));
      }
      if (System.nanoTime() > deadline) {
        stop(process);
        throw new IllegalStateException(name + " not ready after " + READY_TIMEOUT + tail(log));
      }
      sleep(50);
    }
  }

  /** Asks politely, then forcibly: a stopped stack must leave no process behind. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a server", e);
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return " (no log at " + log + ")";
    }
  }
}
