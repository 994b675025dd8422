package io.quiver.cli.dev;

import io.quiver.cli.Endpoints;
import io.quiver.cli.Progress;
import io.quiver.cli.QuiverCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "down",
    mixinStandardHelpOptions = true,
    description = {
      "Stops the local stack: the services, then PostgreSQL, Redis and Kafka.",
      "Leaves no process and no temporary folder behind (data in them is gone)."
    })
public final class DevDown implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Endpoints.home(System.getenv());
    Optional<DevState> state = DevState.read(home);
    if (state.isEmpty()) {
      out.println("The local stack is not running.");
      deleteQuietly(Endpoints.stackEnv(System.getenv()));
      return QuiverCli.OK;
    }
    long begin = System.nanoTime();
    stop(state.get(), out);
    out.println("Local stack stopped in " + Progress.seconds(System.nanoTime() - begin) + ".");
    return QuiverCli.OK;
  }

  /**
   * Asks the supervisor to stop (SIGTERM: its hook stops children in order), then makes sure: any
   * recorded process still alive is killed and any recorded folder still there is removed.
   */
  public static void stop(DevState state, PrintWriter out) {
    state.supervisor().ifPresent(p -> terminate(p, 60));
    for (DevState.Part part : state.parts()) {
      part.process()
          .ifPresent(
              p -> {
                out.println("  " + part.name() + " (pid " + p.pid() + ") survived: killing it");
                p.destroyForcibly();
                await(p, 10);
              });
    }
    state.folders().forEach(folder -> deleteTree(Path.of(folder)));
    Path home = Endpoints.home(System.getenv());
    deleteQuietly(DevState.file(home));
    deleteQuietly(Endpoints.stackEnv(System.getenv()));
  }

  private static void terminate(ProcessHandle p, int seconds) {
    p.destroy();
    if (!await(p, seconds)) {
      p.destroyForcibly();
      await(p, 10);
    }
  }

  private static boolean await(ProcessHandle p, int seconds) {
    try {
      p.onExit().get(seconds, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return !p.isAlive();
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      all.forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // best effort; reported by the next status
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // nothing more to do
    }
  }
}
