package io.quiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.devstack.Component;
import io.quiver.devstack.DevStack;
import io.quiver.devstack.DevStackOptions;
import io.quiver.devstack.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan and apply of the example feature repo against a real registry process. */
class RepoApplyIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static DevStack stack;
  private static ServiceProcess registry;
  private static Map<String, String> env;

  @TempDir Path dir;

  @BeforeAll
  static void startRegistry(@TempDir Path home) {
    stack = DevStack.start(DevStackOptions.of(EnumSet.of(Component.POSTGRES)).withEnv(Map.of()));
    registry = ServiceProcess.start("registry", stack.endpoints().toEnv());
    env = Map.of("QUIVER_REGISTRY_URL", registry.url().toString(), "QUIVER_HOME", home.toString());
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void planShowsTheDiffAndApplyMakesItSo() {
    String project = "-p=ex_" + System.nanoTime();
    String example = CliProcess.ROOT.resolve("examples/user_features").toString();

    CliProcess plan = CliProcess.jar(env, TIMEOUT, "plan", project, example);
    assertThat(plan.exit()).as(plan.toString()).isZero();
    assertThat(plan.out())
        .contains("+ Entity          user")
        .contains("+ FeatureView     user_features")
        .contains("4 to create, 0 to update, 0 new versions, 0 to delete, 0 unchanged.");

    CliProcess apply = CliProcess.jar(env, TIMEOUT, "apply", project, example);
    assertThat(apply.exit()).as(apply.toString()).isZero();
    assertThat(apply.out()).startsWith("Applied 4 objects").contains("4 to create");

    CliProcess again = CliProcess.jar(env, TIMEOUT, "plan", project, example);
    assertThat(again.out())
        .contains("0 to create, 0 to update, 0 new versions, 0 to delete, 4 unchanged.");
  }

  @Test
  void pruneDeletesWhatTheFolderNoLongerHolds() throws IOException {
    String project = "-p=prune_" + System.nanoTime();
    copyExample();
    assertThat(CliProcess.jar(env, TIMEOUT, "apply", project, dir.toString()).exit()).isZero();
    String views = Files.readString(dir.resolve("user_features.yaml"));
    Files.writeString(dir.resolve("user_features.yaml"), views.substring(0, views.indexOf("---")));

    CliProcess keep = CliProcess.jar(env, TIMEOUT, "plan", project, dir.toString());
    assertThat(keep.out()).contains("0 to delete, 3 unchanged");
    CliProcess prune = CliProcess.jar(env, TIMEOUT, "apply", "--prune", project, dir.toString());
    assertThat(prune.exit()).as(prune.toString()).isZero();
    assertThat(prune.out()).contains("- FeatureService  user_activity").contains("1 to delete");
  }

  @Test
  void aRegistryRejectionNamesTheFileAndFieldAndAppliesNothing() throws IOException {
    String project = "-p=bad_" + System.nanoTime();
    copyExample();
    Path view = dir.resolve("user_features.yaml");
    Files.writeString(
        view, Files.readString(view).replace("entities: [user]", "entities: [customer]"));

    CliProcess apply = CliProcess.jar(env, TIMEOUT, "apply", project, dir.toString());

    assertThat(apply.exit()).as(apply.toString()).isEqualTo(1);
    assertThat(apply.err())
        .startsWith("error: registry: ")
        .contains("user_features.yaml#1: entities");
    assertThat(apply.err()).doesNotContain("\tat ");
    CliProcess plan =
        CliProcess.jar(
            env,
            TIMEOUT,
            "plan",
            project,
            CliProcess.ROOT.resolve("examples/user_features").toString());
    assertThat(plan.out()).as("nothing was applied").contains("4 to create");
  }

  private void copyExample() throws IOException {
    try (var files = Files.list(CliProcess.ROOT.resolve("examples/user_features"))) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }
}
