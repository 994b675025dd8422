package io.quiver.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackEndpointsTest {

  @Test
  void jdbcUrlSplitsCredentialsAndKeepsOtherParameters() {
    JdbcUrl url =
        JdbcUrl.parse("jdbc:postgresql://db:5432/quiver?user=app&password=p%40ss&sslmode=require");

    assertThat(url.url()).isEqualTo("jdbc:postgresql://db:5432/quiver?sslmode=require");
    assertThat(url.user()).isEqualTo("app");
    assertThat(url.password()).isEqualTo("p@ss");
    assertThat(JdbcUrl.parse(url.withCredentials())).isEqualTo(url);
  }

  @Test
  void catalogIsAnotherDatabaseOnTheSameServer() {
    JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db:5432/quiver?user=app&password=x");

    assertThat(url.withDatabase("quiver_catalog").withCredentials())
        .isEqualTo("jdbc:postgresql://db:5432/quiver_catalog?user=app&password=x");
  }

  @Test
  void rejectsWhatIsNotAJdbcUrl() {
    assertThatThrownBy(() -> JdbcUrl.parse("postgres://db/quiver"))
        .hasMessageContaining("postgres://db/quiver");
  }

  @Test
  void stackEnvFileRoundTrips(@TempDir Path home) throws IOException {
    StackEndpoints endpoints =
        new StackEndpoints(
            JdbcUrl.parse("jdbc:postgresql://127.0.0.1:5/quiver?user=postgres&password=postgres"),
            JdbcUrl.parse(
                "jdbc:postgresql://127.0.0.1:5/quiver_catalog?user=postgres&password=postgres"),
            "redis://127.0.0.1:6",
            null,
            "/tmp/warehouse");
    Path file = home.resolve("dev/stack.env");

    endpoints.write(file);

    assertThat(StackEndpoints.read(file)).isEqualTo(endpoints);
    assertThat(endpoints.toEnv()).doesNotContainKey("QUIVER_KAFKA_BOOTSTRAP");
  }

  @Test
  void configuredComponentsAreUsedNotStarted() {
    Map<String, String> env =
        Map.of(
            "QUIVER_POSTGRES_URL", "jdbc:postgresql://db:5432/quiver?user=app&password=x",
            "QUIVER_REDIS_URL", "redis://cache:6379",
            "QUIVER_KAFKA_BOOTSTRAP", "broker:9092",
            "QUIVER_WAREHOUSE", "s3://bucket/warehouse");

    try (DevStack stack = DevStack.start(DevStackOptions.all().withEnv(env))) {
      assertThat(stack.processes()).isEmpty();
      assertThat(stack.folders()).isEmpty();
      assertThat(stack.endpoints().toEnv())
          .containsAllEntriesOf(env)
          .containsEntry(
              "QUIVER_CATALOG_URL", "jdbc:postgresql://db:5432/quiver_catalog?user=app&password=x");
    }
  }

  @Test
  void unknownComponentIsNamedInTheError() {
    assertThatThrownBy(() -> Component.parseList("postgres, zookeeper"))
        .hasMessageContaining("zookeeper");
  }
}
