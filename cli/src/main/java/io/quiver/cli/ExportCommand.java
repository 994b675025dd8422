package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports a point-in-time training dataset: for each entity row (join keys and a"
          + " timestamp) the feature values as of that time. Waits and prints where it is."
    })
public final class ExportCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  FeatureSelection features;

  @Option(
      names = {"-e", "--entities"},
      required = true,
      paramLabel = "FILE",
      description = "Entity rows: a Parquet or CSV file (join keys and a timestamp column).")
  Path entities;

  @Option(
      names = "--format",
      defaultValue = "parquet",
      description = "parquet or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait.")
  int timeoutSeconds;

  @Mixin ProjectOption project;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(entities)) {
      throw new UsageException("no such file: " + entities);
    }
    if (!format.equals("parquet") && !format.equals("csv")) {
      throw new UsageException("--format must be parquet or csv, not '" + format + "'");
    }
    ObjectNode body = ServiceClient.json().createObjectNode();
    if (features.refs != null) {
      ArrayNode refs = body.putArray("features");
      features.refs.forEach(refs::add);
    } else {
      body.put("featureService", features.service);
    }
    body.putObject("entities").put("uri", entities.toAbsolutePath().toUri().toString());
    body.put("format", format);
    PrintWriter out = spec.commandLine().getOut();
    JsonNode job = run(Endpoints.load(), project.project(), body, timeoutSeconds, out);
    print(job, out);
    return QuiverCli.OK;
  }

  /** Requests an export and waits for it; returns its final status resource. */
  public static JsonNode run(
      Endpoints endpoints, String project, ObjectNode body, int timeout, PrintWriter out) {
    ServiceClient export = new ServiceClient("offline export", endpoints.offlineExport());
    String path = "/api/v1/projects/" + project + "/exports";
    String id = export.post(path, body).path("id").asText();
    return Jobs.await(
        export, path + "/" + id, "export " + id, Duration.ofSeconds(timeout), new Progress(out));
  }

  /** Where the dataset is and what the manifest pins: rows, digests, each view's snapshot. */
  public static void print(JsonNode job, PrintWriter out) {
    JsonNode m = job.path("manifest");
    out.println("Export " + job.path("id").asText() + ": " + job.path("status").asText());
    out.println("  dataset:  " + job.path("outputUri").asText());
    out.println(
        "  rows:     "
            + m.path("output").path("rows").asText("?")
            + " ("
            + m.path("format").asText()
            + ")");
    out.println("  sha-256:  " + m.path("output").path("sha256").asText("?"));
    for (JsonNode c : m.path("columns")) {
      out.println("  column:   " + c.path("column").asText() + " " + c.path("type").asText());
    }
    for (JsonNode v : m.path("views")) {
      out.println(
          "  view:     "
              + v.path("view").asText()
              + " v"
              + v.path("version").asText()
              + " revision "
              + v.path("revision").asText()
              + ", snapshot "
              + v.path("snapshotId").asText("none"));
    }
    out.flush();
  }
}
