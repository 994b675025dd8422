package io.quiver.registry;

import static io.quiver.registry.Fixtures.*;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.*;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.devstack.QuiverTestResource;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every bad input gets a 4xx problem+json naming the field, and changes nothing. */
@QuarkusTest
@WithTestResource(
    value = QuiverTestResource.class,
    initArgs = @ResourceArg(name = QuiverTestResource.COMPONENTS_ARG, value = "postgres"))
class BadInputTest {

  /** Puts {@code body} as {@code kind/name} into a seeded project and expects a 400 on field. */
  private static void rejected(String kind, String name, String body, String field, String words) {
    String p = newProject();
    seed(p);
    String before = given().get("/api/v1/projects/" + p + "/catalog").asString();
    put(p, kind, name, body)
        .statusCode(400)
        .contentType("application/problem+json")
        .body("status", is(400))
        .body("errors.field", hasItem(field))
        .body("errors.find { it.field == '" + field + "' }.message", containsString(words));
    String after = given().get("/api/v1/projects/" + p + "/catalog").asString();
    org.assertj.core.api.Assertions.assertThat(after).isEqualTo(before);
  }

  @Test
  void badNameIsRejected() {
    put(newProject(), "entities", "User", USER.replace("\"user\"", "\"User\""))
        .statusCode(400)
        .body("errors[0].field", is("name"))
        .body("errors[0].value", is("User"));
  }

  @Test
  void unknownTypeIsRejected() {
    rejected(
        "entities", "user", USER.replace("INT64", "BIGINT"), "joinKeys[0].type", "must be one of");
  }

  @ParameterizedTest
  @CsvSource({"-1d", "0h", "7 days", "1w"})
  void malformedOrNonPositiveDurationsAreRejected(String maxAge) {
    rejected(
        "feature-views",
        "user_features",
        USER_FEATURES.replace("\"7d\"", "\"" + maxAge + "\""),
        "maxAge",
        "duration");
  }

  @Test
  void aViewNamingAMissingEntityIsRejected() {
    rejected(
        "feature-views",
        "user_features",
        USER_FEATURES.replace("[\"user\"]", "[\"merchant\"]"),
        "entities[0]",
        "no entity");
  }

  @Test
  void aViewNamingAMissingSourceIsRejected() {
    rejected(
        "feature-views",
        "user_features",
        USER_FEATURES.replace("\"source\": \"user_events\"", "\"source\": \"clicks\""),
        "source",
        "no data source");
  }

  @Test
  void aServiceNamingAMissingFeatureIsRejected() {
    rejected(
        "feature-services",
        "churn_model",
        SERVICE.replace("last_event:event_type", "last_event:nope"),
        "features[1]",
        "no feature 'nope'");
  }

  @Test
  void duplicateFeatureNamesAreRejected() {
    rejected(
        "feature-views",
        "last_event",
        LAST_EVENT.replace(
            "{\"name\": \"event_count\", \"type\": \"INT64\"}",
            "{\"name\": \"event_type\", \"type\": \"STRING\"}"),
        "features[1].name",
        "declared twice");
  }

  @Test
  void unknownJsonFieldsAreRejected() {
    rejected(
        "entities",
        "user",
        USER.replace("\"owner\"", "\"colour\": \"red\", \"owner\""),
        "colour",
        "not a known field");
  }

  @Test
  void aPasswordWhereACredentialsRefBelongsIsRejected() {
    String pg =
        """
        {"kind": "DataSource", "name": "pg_events", "type": "POSTGRES",
         "jdbcUrl": "jdbc:postgresql://db:5432/app", "table": "events",
         "credentialsRef": "s3cr3t pa$$word!", "timestampField": "ts",
         "schema": [{"name": "ts", "type": "TIMESTAMP"}]}
        """;
    rejected("data-sources", "pg_events", pg, "credentialsRef", "name of an environment variable");
    rejected(
        "data-sources",
        "pg_events",
        pg.replace("db:5432/app", "db:5432/app?password=hunter2")
            .replace("s3cr3t pa$$word!", "PG_CREDS"),
        "jdbcUrl",
        "must not carry a password");
  }

  @Test
  void deletingAReferencedObjectIsAConflict() {
    String p = newProject();
    seed(p);
    given()
        .delete(path(p, "entities", "user"))
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("detail", containsString("FeatureView/user_features"));
    given()
        .delete(path(p, "feature-views", "last_event"))
        .then()
        .statusCode(409)
        .body("detail", containsString("FeatureService/churn_model"));
    given().get(path(p, "entities", "user")).then().statusCode(200);
  }

  @Test
  void malformedJsonIsRejected() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"name\": ")
        .put(path(newProject(), "entities", "user"))
        .then()
        .statusCode(400);
  }

  @Test
  void aNameInTheBodyMustMatchThePath() {
    put(newProject(), "entities", "customer", USER)
        .statusCode(400)
        .body("errors[0].field", is("name"))
        .body("errors[0].message", containsString("customer"));
  }
}
