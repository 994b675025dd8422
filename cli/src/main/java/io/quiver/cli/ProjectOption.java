package io.quiver.cli;

import picocli.CommandLine.Option;

/** {@code -p/--project}, default {@code $QUIVER_PROJECT} or {@code default}. */
public final class ProjectOption {
  @Option(
      names = {"-p", "--project"},
      description = "Project (default: $QUIVER_PROJECT, else 'default').",
      defaultValue = "${env:QUIVER_PROJECT:-default}")
  String project;

  public String project() {
    return project;
  }
}
