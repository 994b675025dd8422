package io.quiver.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a command as a user would (the launcher, or the packaged jar) and captures its output. */
record CliProcess(int exit, String out, String err) {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  /** {@code java -jar cli/target/quiver-cli.jar args...} with {@code env} added. */
  static CliProcess jar(Map<String, String> env, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(ROOT.resolve("cli/target/quiver-cli.jar").toString());
    command.addAll(List.of(args));
    return run(command, env, timeout);
  }

  /** {@code ./quiver args...} at the repository root. */
  static CliProcess launcher(Map<String, String> env, Duration timeout, String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("quiver").toString());
    command.addAll(List.of(args));
    return run(command, env, timeout);
  }

  static CliProcess run(List<String> command, Map<String, String> env, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
    builder.environment().putAll(env);
    try {
      Process p = builder.start();
      CompletableFuture<String> out = read(p.getInputStream());
      CompletableFuture<String> err = read(p.getErrorStream());
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError(
            String.join(" ", command) + " did not end in " + timeout + ":\n" + out.getNow(""));
      }
      return new CliProcess(p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new AssertionError("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            return "";
          }
        });
  }

  @Override
  public String toString() {
    return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
  }
}
