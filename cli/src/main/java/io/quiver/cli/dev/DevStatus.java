package io.quiver.cli.dev;

import io.quiver.cli.Endpoints;
import io.quiver.cli.QuiverCli;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what runs where. Exit code 0 when the local stack is ready, 1 when it is not."
    })
public final class DevStatus implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Endpoints.home(System.getenv());
    Optional<DevState> state = DevState.read(home);
    if (state.isEmpty() || state.get().supervisor().isEmpty()) {
      out.println("The local stack is not running" + state.map(DevStatus::lastError).orElse("."));
      return QuiverCli.FAILED;
    }
    out.println(
        "Local stack " + state.get().status() + " (supervisor pid " + state.get().pid() + "):");
    print(state.get(), out);
    out.println("Endpoints: " + Endpoints.stackEnv(System.getenv()));
    return DevState.READY.equals(state.get().status()) ? QuiverCli.OK : QuiverCli.FAILED;
  }

  static void print(DevState state, PrintWriter out) {
    for (DevState.Part p : state.parts()) {
      String pid = p.pid() == 0 ? "external" : "pid " + p.pid();
      String alive = p.pid() == 0 || p.process().isPresent() ? "running" : "GONE";
      out.printf("  %-15s %-50s %-12s %s%n", p.name(), p.where(), pid, alive);
    }
    for (String module : LocalStack.SERVICES) {
      if (state.parts().stream().noneMatch(p -> p.name().equals(module))
          && !LocalStack.built(module)) {
        out.printf("  %-15s %s%n", module, "not built (mvn -pl " + module + " -am package)");
      }
    }
    out.flush();
  }

  private static String lastError(DevState s) {
    return s.error() == null ? "." : " (its last start failed: " + s.error() + ").";
  }
}
