package io.quiver.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Applies the feature repo in DIR atomically (all or nothing) and prints what changed.",
      "Objects absent from DIR are kept unless --prune is given."
    })
public final class ApplyCommand extends RepoCommand {
  @Option(names = "--prune", description = "Delete objects of the project absent from DIR.")
  boolean prune;

  @Override
  public Integer call() {
    return send("apply", prune);
  }
}
