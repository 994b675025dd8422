package io.quiver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = {
      "Fetches online features for entity rows and prints one line per row with each feature's"
          + " value and status.",
      "Example: quiver get -s user_activity -e user_id=1 -e user_id=2"
    })
public final class GetCommand implements Callable<Integer> {
  static final class Features {
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

  @ArgGroup(multiplicity = "1")
  Features features;

  @Option(
      names = {"-e", "--entity"},
      required = true,
      paramLabel = "KEY=VALUE[,KEY=VALUE]",
      description = "One entity row (join keys); repeatable. Whole numbers are sent as INT64.")
  List<String> rows;

  @Mixin ProjectOption project;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    ObjectNode body = ServiceClient.json().createObjectNode();
    if (features.refs != null) {
      ArrayNode refs = body.putArray("features");
      features.refs.forEach(refs::add);
    } else {
      body.put("featureService", features.service);
    }
    ArrayNode entities = body.putArray("entities");
    rows.forEach(row -> entities.add(row(row)));
    JsonNode answer = fetch(Endpoints.load(), project.project(), body);
    print(entities, answer, spec.commandLine().getOut());
    return QuiverCli.OK;
  }

  /**
   * Online features through online serving's REST twin of GetOnlineFeatures (same reader, same
   * statuses; the CLI carries no gRPC stubs yet).
   */
  public static JsonNode fetch(Endpoints endpoints, String project, ObjectNode body) {
    ServiceClient serving = new ServiceClient("online serving", endpoints.onlineServing());
    return serving.post("/api/v1/projects/" + project + "/online-features", body);
  }

  static ObjectNode row(String text) {
    ObjectNode row = ServiceClient.json().createObjectNode();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--entity wants KEY=VALUE, not '" + pair + "'");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      if (value.matches("-?\\d{1,18}")) {
        row.put(key, Long.parseLong(value));
      } else {
        row.put(key, value);
      }
    }
    return row;
  }

  /**
   * One line per entity row: its keys, then {@code feature=value} (and the status if not PRESENT).
   */
  public static void print(JsonNode entities, JsonNode answer, PrintWriter out) {
    for (int i = 0; i < entities.size(); i++) {
      StringBuilder line = new StringBuilder("  ");
      entities
          .get(i)
          .fields()
          .forEachRemaining(
              k -> line.append(k.getKey()).append('=').append(k.getValue().asText()).append(' '));
      line.append('|');
      for (JsonNode column : answer.path("features")) {
        String name = column.path("name").asText();
        String feature = name.substring(name.indexOf(':') + 1);
        String status = column.path("statuses").path(i).asText();
        line.append(' ')
            .append(feature)
            .append('=')
            .append(column.path("values").path(i).asText("null"));
        if (!status.equals("PRESENT")) {
          line.append(" (").append(status).append(')');
        }
      }
      out.println(line);
    }
    out.flush();
  }
}
