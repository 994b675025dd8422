package io.quiver.cli.dev;

import io.quiver.cli.CliException;
import io.quiver.cli.Endpoints;
import io.quiver.cli.Progress;
import io.quiver.cli.QuiverCli;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the local stack in the background and waits until it is ready.",
      "Does nothing when it already runs. Stop it with 'quiver dev down'."
    })
public final class DevUp implements Callable<Integer> {
  @Option(
      names = "--timeout",
      description = "Give up after this many seconds (default: ${DEFAULT-VALUE}).",
      defaultValue = "300")
  int timeoutSeconds;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Endpoints.home(System.getenv());
    Optional<DevState> running = DevState.read(home).filter(s -> s.supervisor().isPresent());
    if (running.isPresent() && DevState.READY.equals(running.get().status())) {
      out.println("The local stack already runs (supervisor pid " + running.get().pid() + "):");
      DevStatus.print(running.get(), out);
      return QuiverCli.OK;
    }
    if (running.isPresent()) {
      throw new CliException(
          "a local stack is starting (pid " + running.get().pid() + "): wait, or 'dev down'");
    }
    start(home, Duration.ofSeconds(timeoutSeconds), out);
    return QuiverCli.OK;
  }

  /** Starts the supervisor and waits for it; the state it reached is printed. */
  public static DevState start(Path home, Duration timeout, PrintWriter out) {
    try {
      Files.deleteIfExists(DevState.file(home));
      Files.createDirectories(home.resolve("dev"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path log = home.resolve("dev").resolve("dev.log");
    Process supervisor = spawn(log);
    out.println("Starting the local stack (log: " + log + ")");
    return await(home, supervisor, log, timeout, out);
  }

  private static Process spawn(Path log) {
    List<String> command = new ArrayList<>();
    if (new File("/usr/bin/setsid").canExecute() || new File("/bin/setsid").canExecute()) {
      command.add("setsid"); // its own session: a Ctrl-C in this terminal does not reach it
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-cp"));
    command.add(System.getProperty("java.class.path"));
    command.addAll(List.of(QuiverCli.class.getName(), "dev", "run"));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("QUIVER_SOURCE_ROOT", LocalStack.sourceRoot().toString());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    try {
      return builder.start();
    } catch (IOException e) {
      throw new CliException("could not start the local stack: " + e.getMessage(), e);
    }
  }

  private static DevState await(
      Path home, Process supervisor, Path log, Duration timeout, PrintWriter out) {
    Progress progress = new Progress(out);
    long begin = System.nanoTime();
    int shown = 0;
    while (true) {
      Optional<DevState> state = DevState.read(home);
      List<DevState.Part> parts = state.map(DevState::parts).orElse(List.of());
      for (; shown < parts.size(); shown++) {
        DevState.Part p = parts.get(shown);
        progress.done(
            String.format(
                "  %-15s %-50s ready in %s",
                p.name(), p.where(), Progress.seconds(p.readyMillis() * 1_000_000)));
      }
      if (state.isPresent() && DevState.READY.equals(state.get().status())) {
        progress.done("Local stack ready in " + Progress.seconds(System.nanoTime() - begin) + ".");
        return state.get();
      }
      if (!supervisor.isAlive()
          || state.map(s -> DevState.FAILED.equals(s.status())).orElse(false)) {
        waitFor(supervisor);
        progress.clear();
        String why = state.map(DevState::error).orElse(null);
        throw new CliException(
            "the local stack did not start: " + (why != null ? why : "see " + log), tail(log));
      }
      if (System.nanoTime() - begin > timeout.toNanos()) {
        supervisor.destroy();
        waitFor(supervisor);
        throw new CliException("the local stack was not ready after " + timeout.toSeconds() + " s");
      }
      progress.update("starting PostgreSQL, Redis, Kafka and the services", begin);
      sleep(250);
    }
  }

  private static List<String> tail(Path log) {
    try {
      List<String> lines =
          Files.readAllLines(log).stream()
              .filter(l -> !l.matches("\\s+at .*|\\s*\\.\\.\\. \\d+ more"))
              .toList();
      return lines.subList(Math.max(0, lines.size() - 8), lines.size());
    } catch (IOException e) {
      return List.of();
    }
  }

  private static void waitFor(Process p) {
    try {
      p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }
}
