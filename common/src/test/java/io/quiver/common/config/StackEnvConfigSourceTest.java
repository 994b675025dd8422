package io.quiver.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEnvConfigSourceTest {

  @Test
  void readsTheDevstackEndpointsAsQuiverProperties(@TempDir Path home) throws Exception {
    Path file = StackEnvConfigSource.stackEnv(Map.of("QUIVER_HOME", home.toString()));
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "QUIVER_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5555/quiver?user=a&password=b\n"
            + "QUIVER_KAFKA_BOOTSTRAP=127.0.0.1:9999\n"
            + "# a comment\n");
    StackEnvConfigSource source = new StackEnvConfigSource(file);
    assertThat(source.getValue("quiver.postgres-url"))
        .isEqualTo("jdbc:postgresql://127.0.0.1:5555/quiver?user=a&password=b");
    assertThat(source.getValue("quiver.kafka-bootstrap")).isEqualTo("127.0.0.1:9999");
    assertThat(source.getPropertyNames()).hasSize(2);
  }

  @Test
  void aMissingFileGivesNoProperties(@TempDir Path home) {
    assertThat(new StackEnvConfigSource(home.resolve("none.env")).getProperties()).isEmpty();
  }

  @Test
  void environmentVariablesOutrankTheFile() {
    assertThat(StackEnvConfigSource.ORDINAL).isBetween(251, 299);
  }
}
