package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.quiver.cli.repo.FeatureRepo;
import io.quiver.cli.repo.PlanReport;
import io.quiver.cli.repo.RepoObjects;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What plan and apply share: read the folder, send it to the registry, print the diff. */
abstract class RepoCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Folder of YAML definitions.")
  Path dir;

  @Mixin ProjectOption project;

  @Spec CommandSpec spec;

  /** Sends the repo to {@code plan} or {@code apply}; returns the exit code. */
  int send(String action, boolean prune) {
    RepoObjects repo = FeatureRepo.load(dir);
    PrintWriter out = spec.commandLine().getOut();
    ServiceClient registry = new ServiceClient("registry", Endpoints.load().registry());
    String path = "/api/v1/projects/" + project.project() + "/" + action;
    JsonNode plan;
    try {
      plan = registry.post(path, repo.body(prune));
    } catch (CliException e) {
      throw new CliException(
          repo.locate(e.getMessage()), e.details().stream().map(repo::locate).toList());
    }
    out.printf(
        "%s %d objects from %s in project '%s'%s:%n",
        action.equals("apply") ? "Applied" : "Plan for",
        repo.objects().size(),
        dir,
        project.project(),
        prune ? " (prune)" : "");
    return PlanReport.print(plan, out) ? QuiverCli.OK : QuiverCli.FAILED;
  }
}
