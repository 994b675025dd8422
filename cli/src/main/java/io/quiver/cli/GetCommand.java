package io.quiver.cli;

import io.quiver.cli.serving.OnlineFeatures;
import io.quiver.proto.serving.v1.FeatureList;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      "Fetches online features for entity rows over gRPC (OnlineServing/GetOnlineFeatures) and"
          + " prints one line per row with each feature's value, status and age.",
      "Example: quiver get -s user_activity -e user_id=1 -e user_id=2"
    })
public final class GetCommand implements Callable<Integer> {
  @ArgGroup(multiplicity = "1")
  FeatureSelection features;

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
    GetOnlineFeaturesRequest.Builder request =
        GetOnlineFeaturesRequest.newBuilder().setProject(project.project());
    if (features.refs != null) {
      request.setFeatureList(FeatureList.newBuilder().addAllRefs(features.refs));
    } else {
      request.setFeatureService(features.service);
    }
    List<Map<String, Object>> entities = rows.stream().map(GetCommand::row).toList();
    OnlineFeatures.show(Endpoints.load(), request, entities, spec.commandLine().getOut());
    return QuiverCli.OK;
  }

  static Map<String, Object> row(String text) {
    Map<String, Object> row = new LinkedHashMap<>();
    for (String pair : text.split(",")) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new UsageException("--entity wants KEY=VALUE, not '" + pair + "'");
      }
      String key = pair.substring(0, eq).trim();
      String value = pair.substring(eq + 1).trim();
      row.put(key, value.matches("-?\\d{1,18}") ? Long.parseLong(value) : value);
    }
    return row;
  }
}
