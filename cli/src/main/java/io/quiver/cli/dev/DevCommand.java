package io.quiver.cli.dev;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Local mode: real PostgreSQL, Redis and Kafka on 127.0.0.1 plus the four services (those"
          + " whose jars are built), each on a free port.",
      "Endpoints go to $QUIVER_HOME/dev/stack.env (read by every service and command)."
    },
    subcommands = {DevUp.class, DevDown.class, DevStatus.class, DevRun.class})
public final class DevCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "expected up, down or status");
  }
}
