package io.quiver.registry;

import static io.quiver.registry.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.QuiverTestResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = QuiverTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class RegistryRoundTripTest {

  @Test
  void everyKindRoundTripsThroughPutAndGet() {
    String p = newProject();
    String[][] objects = {
      {"entities", "user", USER},
      {"data-sources", "user_events", USER_EVENTS},
      {"feature-views", "user_features", USER_FEATURES},
      {"feature-views", "last_event", LAST_EVENT},
      {"feature-services", "churn_model", SERVICE}
    };
    for (String[] o : objects) {
      put(p, o[0], o[1], o[2]).statusCode(201).body("revision", is(1)).body("name", is(o[1]));
    }
    for (String[] o : objects) {
      JsonPath sent = JsonPath.from(o[2]);
      JsonPath got = given().get(path(p, o[0], o[1])).then().statusCode(200).extract().jsonPath();
      for (String field : ((java.util.Map<String, Object>) sent.get("")).keySet()) {
        assertThat((Object) got.get(field)).as(o[1] + "." + field).isEqualTo(sent.get(field));
      }
    }
    given()
        .get("/api/v1/projects/" + p + "/feature-views")
        .then()
        .statusCode(200)
        .body("name", contains("last_event", "user_features"));
  }

  @Test
  void putOfTheSameBodyIsUnchangedAndAChangeRaisesTheRevision() {
    String p = newProject();
    put(p, "entities", "user", USER).statusCode(201);
    put(p, "entities", "user", USER).statusCode(200).body("revision", is(1));
    put(p, "entities", "user", USER.replace("A user of the app", "Someone"))
        .statusCode(200)
        .body("revision", is(2))
        .body("description", is("Someone"));
  }

  @Test
  void aGetBodyCanBePutBack() {
    String p = newProject();
    seed(p);
    String body = given().get(path(p, "feature-views", "user_features")).asString();
    put(p, "feature-views", "user_features", body).statusCode(200).body("revision", is(1));
  }

  @Test
  void deleteRemovesAnUnreferencedObject() {
    String p = newProject();
    seed(p);
    given().delete(path(p, "feature-services", "churn_model")).then().statusCode(204);
    given()
        .get(path(p, "feature-services", "churn_model"))
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("churn_model"));
  }

  @Test
  void operationalEndpointsAnswer() {
    given().get("/q/health").then().statusCode(200).body("status", is("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("http_server"));
    given()
        .accept(ContentType.JSON)
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/projects/{project}/plan"));
  }
}
