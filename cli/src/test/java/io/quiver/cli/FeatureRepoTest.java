package io.quiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.cli.repo.FeatureRepo;
import io.quiver.cli.repo.RepoObjects;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a YAML feature repo, and how its mistakes are reported before anything is sent. */
class FeatureRepoTest {
  static final Path EXAMPLE = Path.of("../examples/user_features");

  @TempDir Path dir;

  @Test
  void readsTheExampleRepoWithSeveralObjectsPerFile() {
    RepoObjects repo = FeatureRepo.load(EXAMPLE);

    assertThat(repo.objects())
        .extracting(o -> o.get("kind").asText() + ":" + o.get("name").asText())
        .containsExactly(
            "Entity:user",
            "DataSource:user_events",
            "FeatureView:user_features",
            "FeatureService:user_activity");
    assertThat(repo.origins())
        .containsExactly(
            "entities.yaml", "sources.yaml", "user_features.yaml#1", "user_features.yaml#2");
  }

  @Test
  void namesFileAndFieldOfAnInvalidObjectAndExitsWithOne() throws IOException {
    write(
        "views.yaml",
        """
        kind: Entity
        name: user
        joinKeys: [{name: user_id, type: INT64}]
        ---
        kind: FeatureView
        name: user_features
        entities: [user]
        source: user_events
        aggregations:
          - {name: n, function: avgg, column: x, window: lifetime}
        """);

    CliRun run = CliRun.of("plan", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("views.yaml#2: aggregations[0].function").contains("avgg");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void reportsYamlSyntaxErrorsWithLineAndExitsWithOne() throws IOException {
    write("broken.yaml", "kind: Entity\nname: [user\n");

    CliRun run = CliRun.of("apply", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("broken.yaml:").contains("not valid YAML");
  }

  @Test
  void reportsAMissingKindAndADuplicateName() throws IOException {
    write("a.yaml", "name: user\njoinKeys: [{name: user_id, type: INT64}]\n");
    write("b.yml", "kind: Entity\nname: dup\njoinKeys: [{name: id, type: STRING}]\n");
    write("c.yml", "kind: Entity\nname: dup\njoinKeys: [{name: id, type: STRING}]\n");

    CliRun run = CliRun.of("plan", dir.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .contains("a.yaml: kind: is required")
        .contains("c.yml: name: Entity 'dup' is also defined in b.yml");
  }

  @Test
  void aMissingFolderOrAnEmptyOneIsBadUsage() {
    assertThat(CliRun.of("plan", dir.resolve("nope").toString()).exit()).isEqualTo(2);
    CliRun empty = CliRun.of("plan", dir.toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err()).contains("no .yaml or .yml files");
  }

  @Test
  void unknownOptionsAndMissingArgumentsAreBadUsage() {
    assertThat(CliRun.of("apply").exit()).isEqualTo(2);
    assertThat(CliRun.of("apply", "--purge", EXAMPLE.toString()).exit()).isEqualTo(2);
    assertThat(CliRun.of("frobnicate").exit()).isEqualTo(2);
    assertThat(CliRun.of().exit()).isEqualTo(2);
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] command :
        new String[][] {
          {"--help"}, {"dev", "--help"}, {"dev", "up", "--help"}, {"dev", "down", "--help"},
          {"dev", "status", "--help"}, {"demo", "--help"}, {"plan", "--help"}, {"apply", "--help"},
          {"materialize", "--help"}, {"get", "--help"}, {"export", "--help"}
        }) {
      CliRun run = CliRun.of(command);
      assertThat(run.exit()).as(String.join(" ", command)).isZero();
      assertThat(run.out()).as(String.join(" ", command)).startsWith("Usage: quiver");
    }
  }

  private void write(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text);
  }
}
