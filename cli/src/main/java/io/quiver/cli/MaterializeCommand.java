package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "materialize",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a feature view's pipeline now and waits for it: incremental (new source data since"
          + " the last run) by default, or a backfill of [--start, --end)."
    })
public final class MaterializeCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "VIEW", description = "The feature view.")
  String view;

  @Option(names = "--start", description = "Backfill from this instant (ISO-8601, UTC).")
  String start;

  @Option(names = "--end", description = "Backfill up to this instant (ISO-8601, UTC).")
  String end;

  @Option(
      names = "--timeout",
      defaultValue = "600",
      description = "Seconds to wait (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin ProjectOption project;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    JsonNode run = run(Endpoints.load(), project.project(), view, body(), timeoutSeconds, out);
    print(run, out);
    return QuiverCli.OK;
  }

  /** Starts one run and waits for it; returns its final status resource. */
  public static JsonNode run(
      Endpoints endpoints,
      String project,
      String view,
      ObjectNode body,
      int timeout,
      PrintWriter out) {
    ServiceClient materializer = new ServiceClient("materializer", endpoints.materializer());
    String path = "/api/v1/projects/" + project + "/feature-views/" + view + "/materializations";
    String id = materializer.post(path, body).path("id").asText();
    return Jobs.await(
        materializer,
        path + "/" + id,
        "materialization of " + view,
        Duration.ofSeconds(timeout),
        new Progress(out));
  }

  private ObjectNode body() {
    ObjectNode body = ServiceClient.json().createObjectNode();
    if (start == null && end == null) {
      return body.put("mode", "incremental");
    }
    if (start == null || end == null) {
      throw new UsageException("a backfill needs both --start and --end");
    }
    return body.put("start", instant("--start", start)).put("end", instant("--end", end));
  }

  private static String instant(String option, String value) {
    try {
      return Instant.parse(value).toString();
    } catch (DateTimeParseException e) {
      throw new UsageException(option + ": '" + value + "' is not an ISO-8601 instant");
    }
  }

  /** The run's counters and stage timings, one line each. */
  public static void print(JsonNode run, PrintWriter out) {
    out.println("Materialization " + run.path("id").asText() + ": " + run.path("status").asText());
    run.fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("id")
                  && !f.getKey().equals("status")
                  && !f.getValue().isNull()) {
                out.println("  " + f.getKey() + ": " + f.getValue());
              }
            });
    out.flush();
  }
}
