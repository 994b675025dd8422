package io.quiver.cli;

import io.quiver.cli.dev.DevCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code quiver} command. Exit codes: 0 ok, 1 failed, 2 bad usage. A failure prints one line
 * (plus one per field error a service named), never a stack trace unless {@code QUIVER_DEBUG} is
 * set.
 */
@Command(
    name = "quiver",
    mixinStandardHelpOptions = true,
    version = "quiver 0.1.0-SNAPSHOT",
    description = "Quiver, a feature store: local mode, the demo, and the feature repo as code.",
    subcommands = {
      DevCommand.class,
      io.quiver.cli.demo.DemoCommand.class,
      PlanCommand.class,
      ApplyCommand.class,
      MaterializeCommand.class,
      GetCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class QuiverCli implements Runnable {
  public static final int OK = 0;
  public static final int FAILED = 1;
  public static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests call {@code execute} on it with their own writers. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new QuiverCli());
    cli.setExecutionExceptionHandler(QuiverCli::failure);
    return cli;
  }

  private static int failure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    if (e instanceof UsageException) {
      err.println("error: " + e.getMessage());
      err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help'.");
      return USAGE;
    }
    if (e instanceof CliException c) {
      err.println("error: " + c.getMessage());
      c.details().forEach(line -> err.println("  " + line));
    } else {
      err.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }
    if (System.getenv("QUIVER_DEBUG") != null) {
      e.printStackTrace(err);
    }
    err.flush();
    return FAILED;
  }
}
