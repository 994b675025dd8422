package io.quiver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Shows what 'apply DIR' would change (create, update, new version, delete) and its"
          + " consequences, changing nothing.",
      "Exit code 1 when the plan cannot be applied."
    })
public final class PlanCommand extends RepoCommand {
  @Option(names = "--prune", description = "Also plan deleting objects absent from DIR.")
  boolean prune;

  @Override
  public Integer call() {
    return send("plan", prune);
  }
}
