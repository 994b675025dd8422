package io.quiver.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared stack as a @QuarkusTest sees it, through the test resource. */
class QuiverTestResourceTest {

  @Test
  void givesQuarkusADatasourceOnTheSharedPostgres() throws SQLException {
    QuiverTestResource resource = new QuiverTestResource();
    resource.init(Map.of(QuiverTestResource.COMPONENTS_ARG, "postgres"));

    Map<String, String> config = resource.start();

    assertThat(config)
        .containsKeys("quiver.postgres-url", "quiver.catalog-url", "quiver.warehouse")
        .containsEntry("quarkus.datasource.username", "postgres")
        .containsEntry("quarkus.datasource.password", "postgres");
    assertThat(config.get("quarkus.datasource.jdbc.url"))
        .matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/quiver");
    try (Connection connection =
        DriverManager.getConnection(
            config.get("quarkus.datasource.jdbc.url"),
            config.get("quarkus.datasource.username"),
            config.get("quarkus.datasource.password"))) {
      assertThat(connection.isValid(2)).isTrue();
    }
  }

  @Test
  void sharedStackStartsEachServerOncePerJvm() {
    StackEndpoints first = DevStack.shared(Set.of(Component.POSTGRES));
    StackEndpoints second = DevStack.shared(Set.of(Component.POSTGRES));

    assertThat(second.postgres()).isEqualTo(first.postgres());
    assertThat(second.warehouse()).isEqualTo(first.warehouse());
  }
}
