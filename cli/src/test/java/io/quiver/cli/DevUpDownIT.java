package io.quiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./quiver dev up} then {@code ./quiver dev down}: nothing may be left behind. */
class DevUpDownIT {
  @TempDir Path home;

  @Test
  void upStartsTheStackAndDownLeavesNoProcessAndNoTempFolder() throws IOException {
    Map<String, String> env = Map.of("QUIVER_HOME", home.toString(), "QUIVER_NO_BUILD", "1");

    CliProcess up = CliProcess.launcher(env, Duration.ofMinutes(6), "dev", "up");
    assertThat(up.exit()).as(up.toString()).isZero();
    assertThat(up.out()).contains("postgres").contains("registry").contains("Local stack ready");
    JsonNode state = new ObjectMapper().readTree(home.resolve("dev/state.json").toFile());
    List<ProcessHandle> processes = processes(state);
    List<Path> folders = new ArrayList<>();
    state.get("folders").forEach(f -> folders.add(Path.of(f.asText())));
    assertThat(processes).hasSizeGreaterThanOrEqualTo(5).allMatch(ProcessHandle::isAlive);
    assertThat(folders).isNotEmpty().allMatch(Files::isDirectory);
    assertThat(Files.readString(home.resolve("dev/stack.env")))
        .contains("QUIVER_POSTGRES_URL=")
        .contains("QUIVER_REGISTRY_URL=http://127.0.0.1:");

    CliProcess again = CliProcess.launcher(env, Duration.ofMinutes(1), "dev", "up");
    assertThat(again.out()).as("a second up reuses the stack").contains("already runs");
    CliProcess status = CliProcess.launcher(env, Duration.ofMinutes(1), "dev", "status");
    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out()).contains("registry").contains("running").doesNotContain("GONE");

    CliProcess down = CliProcess.launcher(env, Duration.ofMinutes(2), "dev", "down");
    assertThat(down.exit()).as(down.toString()).isZero();
    assertThat(down.out()).doesNotContain("survived");
    for (ProcessHandle p : processes) {
      assertThat(p.isAlive()).as("pid " + p.pid() + " " + p.info().commandLine()).isFalse();
    }
    assertThat(folders).noneMatch(Files::exists);
    assertThat(home.resolve("dev/state.json")).doesNotExist();
    assertThat(home.resolve("dev/stack.env")).doesNotExist();
    assertThat(CliProcess.launcher(env, Duration.ofMinutes(1), "dev", "status").exit())
        .isEqualTo(1);
  }

  private static List<ProcessHandle> processes(JsonNode state) {
    List<ProcessHandle> out = new ArrayList<>();
    ProcessHandle.of(state.get("pid").asLong()).ifPresent(out::add);
    for (JsonNode part : state.get("parts")) {
      Optional<ProcessHandle> p = ProcessHandle.of(part.get("pid").asLong());
      p.ifPresent(out::add);
      // A service's JVM may have children of its own: they must go too.
      p.ifPresent(h -> h.descendants().forEach(out::add));
    }
    return out;
  }
}
