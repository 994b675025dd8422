package io.quiver.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quiver.cli.CliException;
import io.quiver.cli.Endpoints;
import io.quiver.cli.ExportCommand;
import io.quiver.cli.MaterializeCommand;
import io.quiver.cli.QuiverCli;
import io.quiver.cli.ServiceClient;
import io.quiver.cli.dev.DevDown;
import io.quiver.cli.dev.DevState;
import io.quiver.cli.dev.DevUp;
import io.quiver.cli.repo.FeatureRepo;
import io.quiver.cli.repo.PlanReport;
import io.quiver.cli.serving.OnlineFeatures;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the user_features pipeline end to end: starts the local stack (or reuses a running"
          + " one), applies examples/user_features to project 'demo', writes user_events Parquet"
          + " files into the raw zone, materializes twice (with new and late events in between),"
          + " prints online features, exports a point-in-time training dataset, and sums up."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String PROJECT = "demo";
  static final int SHOWN_USERS = 5;

  @Option(names = "--users", defaultValue = "20", description = "Users in the generated events.")
  int users;

  @Option(names = "--seed", description = "Seed of the generated events (default: the clock).")
  Long seed;

  @Option(names = "--keep-running", description = "Leave a stack the demo started running.")
  boolean keepRunning;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path home = Endpoints.home(System.getenv());
    Steps steps = new Steps(out);
    Optional<DevState> running = DevState.read(home).filter(s -> s.supervisor().isPresent());
    DevState stack =
        running.isPresent()
            ? running.get()
            : steps.run(
                "start the local stack", () -> DevUp.start(home, Duration.ofMinutes(6), out));
    boolean ok = false;
    try {
      requireServices(stack);
      pipeline(steps, home, Endpoints.load(), out);
      ok = true;
    } finally {
      if (running.isEmpty() && !keepRunning) {
        steps.run("stop the local stack", () -> DevDown.stop(stack, out));
      }
      steps.summary(ok ? "Demo finished:" : "Demo failed:");
    }
    if (running.isEmpty() && keepRunning) {
      out.println("The local stack keeps running: './quiver dev status', './quiver dev down'.");
    }
    return QuiverCli.OK;
  }

  private void pipeline(Steps steps, Path home, Endpoints endpoints, PrintWriter out) {
    Path repo = sourceRoot().resolve("examples/user_features");
    steps.run(
        "apply " + sourceRoot().relativize(repo),
        () -> {
          JsonNode plan =
              new ServiceClient("registry", endpoints.registry())
                  .post(
                      "/api/v1/projects/" + PROJECT + "/apply", FeatureRepo.load(repo).body(false));
          PlanReport.print(plan, out);
        });
    DemoEvents events =
        new DemoEvents(seed != null ? seed : System.nanoTime(), users, Instant.now());
    Instant now = events.now();
    String run =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
            .format(now.atZone(java.time.ZoneOffset.UTC));
    Path raw = home.resolve("raw/user_events");
    steps.run(
        "write the first user_events",
        () ->
            write(
                out,
                raw.resolve(run + "-1.parquet"),
                events.between(
                    now.minus(Duration.ofHours(48)), now.minus(Duration.ofHours(2)), 400)));
    steps.run("materialize user_features (1st run)", () -> materialize(endpoints, out));
    steps.run(
        "write new and late user_events",
        () -> {
          List<DemoEvents.Event> more =
              new ArrayList<>(events.between(now.minus(Duration.ofHours(2)), now, 100));
          more.addAll(
              events.between(now.minus(Duration.ofHours(48)), now.minus(Duration.ofHours(24)), 40));
          write(out, raw.resolve(run + "-2.parquet"), more);
          out.println(
              "    (100 new, 40 late: event times 24-48 h ago, after those hours were materialized)");
        });
    steps.run("materialize user_features (2nd run)", () -> materialize(endpoints, out));
    steps.run("online features of users 1-" + SHOWN_USERS, () -> online(endpoints, out));
    steps.run("export a point-in-time training dataset", () -> export(endpoints, now, out));
  }

  private static void write(PrintWriter out, Path file, List<DemoEvents.Event> events) {
    DemoEvents.write(file, events);
    out.println("    " + events.size() + " events -> " + file);
  }

  private static void materialize(Endpoints endpoints, PrintWriter out) {
    ObjectNode body = ServiceClient.json().createObjectNode().put("mode", "incremental");
    JsonNode run = MaterializeCommand.run(endpoints, PROJECT, "user_features", body, 600, out);
    out.printf(
        "    run %s: %s rows read, %s written, %s rejected%n",
        run.path("id").asText(),
        run.path("rowsRead").asText("?"),
        run.path("rowsWritten").asText("?"),
        run.path("rowsRejected").asText("?"));
  }

  /** Over gRPC, as a model server would fetch them. */
  private static void online(Endpoints endpoints, PrintWriter out) {
    List<Map<String, Object>> users = new ArrayList<>();
    for (long user = 1; user <= SHOWN_USERS; user++) {
      users.add(Map.of("user_id", user));
    }
    OnlineFeatures.show(
        endpoints,
        GetOnlineFeaturesRequest.newBuilder()
            .setProject(PROJECT)
            .setFeatureService("user_activity"),
        users,
        out);
  }

  /** Each shown user a day ago and now: the dataset shows the value as of each time. */
  private static void export(Endpoints endpoints, Instant now, PrintWriter out) {
    ObjectNode body =
        ServiceClient.json().createObjectNode().put("featureService", "user_activity");
    ArrayNode rows = body.putObject("entities").putArray("rows");
    for (Instant t : List.of(now.minus(Duration.ofHours(24)), now.plus(Duration.ofMinutes(1)))) {
      for (int user = 1; user <= SHOWN_USERS; user++) {
        rows.addObject()
            .put("user_id", user)
            .put("event_timestamp", t.truncatedTo(ChronoUnit.SECONDS).toString());
      }
    }
    body.put("format", "csv");
    JsonNode job = ExportCommand.run(endpoints, PROJECT, body, 600, out);
    ExportCommand.print(job, out);
    printDataset(job.path("outputUri").asText(), out);
  }

  private static void printDataset(String uri, PrintWriter out) {
    try {
      Path file = uri.startsWith("file:") ? Path.of(URI.create(uri)) : Path.of(uri);
      if (Files.isRegularFile(file)) {
        out.println("    " + file + ":");
        Files.readAllLines(file).forEach(line -> out.println("      " + line));
      }
    } catch (IOException | IllegalArgumentException e) {
      out.println("    (cannot show " + uri + ": " + e.getMessage() + ")");
    }
  }

  private static void requireServices(DevState stack) {
    List<String> missing = new ArrayList<>();
    for (String module : List.of("registry", "materializer", "online-serving", "offline-export")) {
      if (stack.parts().stream().noneMatch(p -> p.name().equals(module))) {
        missing.add(module);
      }
    }
    if (!missing.isEmpty()) {
      throw new CliException(
          "the demo needs "
              + String.join(", ", missing)
              + ": build with 'mvn -B -DskipTests package', then './quiver dev down' and retry");
    }
  }

  private static Path sourceRoot() {
    String root = System.getenv("QUIVER_SOURCE_ROOT");
    return Path.of(root != null ? root : "").toAbsolutePath();
  }
}
