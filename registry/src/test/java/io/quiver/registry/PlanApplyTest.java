package io.quiver.registry;

import static io.quiver.registry.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.QuiverTestResource;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(
    value = QuiverTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class PlanApplyTest {

  @Test
  void planShowsTheDiffAndChangesNothing() {
    String p = newProject();
    post(p, "plan", objects(false, USER, USER_EVENTS, USER_FEATURES))
        .statusCode(200)
        .body("applied", is(false))
        .body("changes.action", contains("CREATE", "CREATE", "CREATE"))
        .body("changes[2].toVersion", is(1))
        .body("changes[2].consequences", hasItem(containsString("backfill v1")));
    given().get("/api/v1/projects/" + p + "/entities").then().statusCode(200).body("$", empty());
  }

  @Test
  void applyOfASetWithOneInvalidObjectChangesNothing() {
    String p = newProject();
    String broken = LAST_EVENT.replace("\"STRING\"", "\"STRNG\"");
    post(p, "apply", objects(false, USER, USER_EVENTS, broken))
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", is("objects[2].features[0].type"))
        .body("errors[0].value", is("STRNG"));
    given().get("/api/v1/projects/" + p + "/entities").then().body("$", empty());
    given().get("/api/v1/projects/" + p + "/data-sources").then().body("$", empty());
  }

  @Test
  void applyDeletesAbsentObjectsOnlyWithPrune() {
    String p = newProject();
    seed(p);
    post(p, "apply", objects(false, USER, USER_EVENTS, USER_FEATURES))
        .statusCode(200)
        .body("changes.action", everyItem(is("UNCHANGED")));
    given().get(path(p, "feature-services", "churn_model")).then().statusCode(200);

    post(p, "apply", objects(true, USER, USER_EVENTS, USER_FEATURES))
        .statusCode(200)
        .body(
            "changes.findAll { it.action == 'DELETE' }.name",
            containsInAnyOrder("last_event", "churn_model"));
    given().get(path(p, "feature-services", "churn_model")).then().statusCode(404);
    given().get(path(p, "feature-views", "last_event")).then().statusCode(404);
    given().get(path(p, "feature-views", "user_features")).then().statusCode(200);
  }

  @Test
  void aStaleExpectedRevisionIsAConflict() {
    String p = newProject();
    seed(p);
    put(p, "entities", "user", USER.replace("A user of the app", "v2")).statusCode(200);
    String stale = USER.replace("{\"kind\"", "{\"expectedRevision\": 1, \"kind\"");
    post(p, "apply", objects(false, stale))
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("revision 2"))
        .body("errors[0].field", is("objects[0].expectedRevision"));
    String current = USER.replace("{\"kind\"", "{\"expectedRevision\": 2, \"kind\"");
    post(p, "apply", objects(false, current)).statusCode(200);
  }

  @Test
  void addingAFeatureKeepsTheVersionAndRaisesTheRevision() {
    String p = newProject();
    seed(p);
    String more =
        LAST_EVENT
            .replace(
                "\"event_count\": \"user_id\"}",
                "\"event_count\": \"user_id\", \"duration\": \"session_duration\"}")
            .replace(
                "{\"name\": \"event_count\", \"type\": \"INT64\"}]",
                "{\"name\": \"event_count\", \"type\": \"INT64\"}, {\"name\": \"duration\", \"type\": \"DOUBLE\"}]");
    post(p, "plan", objects(false, more))
        .statusCode(200)
        .body("changes[0].action", is("UPDATE"))
        .body("changes[0].consequences", hasItem(containsString("'duration' added")));
    put(p, "feature-views", "last_event", more)
        .statusCode(200)
        .body("version", is(1))
        .body("revision", is(2))
        .body("features.name", contains("event_type", "event_count", "duration"));
  }

  @Test
  void retypingAFeatureMakesVersionTwoWhileVersionOneStillReads() {
    String p = newProject();
    seed(p);
    String retyped =
        LAST_EVENT.replace(
            "{\"name\": \"event_count\", \"type\": \"INT64\"}",
            "{\"name\": \"event_count\", \"type\": \"STRING\"}");
    post(p, "plan", objects(false, retyped))
        .statusCode(200)
        .body("changes[0].action", is("NEW_VERSION"))
        .body("changes[0].reasons[0]", containsString("retyped from INT64 to STRING"));
    put(p, "feature-views", "last_event", retyped).statusCode(200).body("version", is(2));
    given()
        .get(path(p, "feature-views", "last_event") + "/versions")
        .then()
        .statusCode(200)
        .body("version", contains(1, 2))
        .body("[0].definition.features[1].type", is("INT64"))
        .body("[1].definition.features[1].type", is("STRING"))
        .body("backfillState", contains("PENDING", "PENDING"));
  }

  @Test
  void theMaterializerMarksABackfillComplete() {
    String p = newProject();
    seed(p);
    given()
        .contentType("application/json")
        .body("{\"state\": \"COMPLETE\"}")
        .put(path(p, "feature-views", "user_features") + "/versions/1/backfill")
        .then()
        .statusCode(200)
        .body("backfillState", is("COMPLETE"));
    given()
        .get("/api/v1/projects/" + p + "/catalog")
        .then()
        .statusCode(200)
        .body("objects.size()", is(5))
        .body("viewVersions.find { it.name == 'user_features' }.backfillState", is("COMPLETE"));
  }
}
