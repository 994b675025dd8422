package io.quiver.registry;

import static io.quiver.registry.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.RegistryClient;
import io.quiver.common.registry.ResolvedFeature;
import io.quiver.common.registry.UnknownDefinitionException;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.devstack.QuiverTestResource;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shared registry client against the real registry: what every other service relies on. */
@QuarkusTest
@WithTestResource(
    value = QuiverTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class RegistryClientTest {
  @TestHTTPResource("/")
  URI registry;

  @Test
  void resolvesAServiceWithAggregationTypesFromTheSource() {
    String p = newProject();
    seed(p);
    ProjectCatalog catalog = new RegistryClient(registry).fetch(p);
    List<ResolvedFeature> features = catalog.resolveService("churn_model");
    assertThat(features)
        .extracting(ResolvedFeature::columnName)
        .containsExactly(
            "user_features__last_activity",
            "user_features__event_count",
            "user_features__avg_session_duration",
            "user_features__total_session_time",
            "last_event__event_type");
    assertThat(features.get(0).feature().type()).isEqualTo(ValueType.TIMESTAMP);
    assertThat(features.get(1).feature().type()).isEqualTo(ValueType.INT64);
    assertThat(features.get(2).feature().type()).isEqualTo(ValueType.DOUBLE);
    assertThat(catalog.joinKeys(catalog.view("user_features").orElseThrow()))
        .containsExactly(new Field("user_id", ValueType.INT64));
  }

  @Test
  void servingSwitchesToANewVersionOnlyWhenItsBackfillIsComplete() {
    String p = newProject();
    seed(p);
    RegistryClient client = new RegistryClient(registry);
    put(
            p,
            "feature-views",
            "last_event",
            LAST_EVENT.replace(
                "{\"name\": \"event_count\", \"type\": \"INT64\"}",
                "{\"name\": \"event_count\", \"type\": \"STRING\"}"))
        .statusCode(200);
    assertThat(client.fetch(p).servingVersion("last_event").orElseThrow().version()).isEqualTo(1);
    client.setBackfillState(p, "last_event", 2, "COMPLETE");
    ProjectCatalog catalog = client.fetch(p);
    assertThat(catalog.servingVersion("last_event").orElseThrow().version()).isEqualTo(2);
    assertThat(catalog.resolve(List.of("last_event@1:event_count")).get(0).feature().type())
        .isEqualTo(ValueType.INT64);
  }

  @Test
  void addingAFeatureAddsASchemaAndKeepsTheOldOne() {
    String p = newProject();
    seed(p);
    String more =
        LAST_EVENT
            .replace(
                "\"event_count\": \"user_id\"}",
                "\"event_count\": \"user_id\", \"d\": \"session_duration\"}")
            .replace(
                "{\"name\": \"event_count\", \"type\": \"INT64\"}]",
                "{\"name\": \"event_count\", \"type\": \"INT64\"}, {\"name\": \"d\", \"type\": \"DOUBLE\"}]");
    put(p, "feature-views", "last_event", more).statusCode(200);
    var version = new RegistryClient(registry).fetch(p).servingVersion("last_event").orElseThrow();
    assertThat(version.schemas()).hasSize(2);
    assertThat(version.schemaId()).isEqualTo(2);
    assertThat(version.features())
        .extracting(Field::name)
        .containsExactly("event_type", "event_count", "d");
    assertThat(version.schemas().get(1))
        .extracting(Field::name)
        .containsExactly("event_type", "event_count");
  }

  @Test
  void unknownNamesAreNamed() {
    String p = newProject();
    seed(p);
    ProjectCatalog catalog = new RegistryClient(registry).fetch(p);
    assertThatThrownBy(() -> catalog.resolve(List.of("nope:x")))
        .isInstanceOf(UnknownDefinitionException.class)
        .hasMessageContaining("'nope'");
    assertThatThrownBy(() -> catalog.resolve(List.of("user_features:x")))
        .hasMessageContaining("no feature 'x'");
    assertThatThrownBy(() -> catalog.resolveService("svc")).hasMessageContaining("'svc'");
  }
}
