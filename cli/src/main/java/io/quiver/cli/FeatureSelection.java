package io.quiver.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** Which features a command reads: a list of refs or a feature service, exactly one of them. */
final class FeatureSelection {
  @Option(
      names = {"-f", "--feature"},
      paramLabel = "REF",
      description = "A feature ref (view:feature, view:*); repeatable.")
  List<String> refs;

  @Option(
      names = {"-s", "--feature-service"},
      description = "A feature service.")
  String service;
}
