package io.quiver.materializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.model.Schedule;
import io.quiver.devstack.RegistryTestResource;
import io.quiver.materializer.run.ScheduleSlots;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Schedule slots (once per slot across replicas, no pile-up) and request validation. */
@QuarkusTest
@WithTestResource(
    value = RegistryTestResource.class,
    initArgs = @ResourceArg(name = "components", value = "postgres,redis"))
class SchedulingAndApiTest {
  @Inject ScheduleSlots slots;

  @Test
  void latestSlotIsTheNewestDueOneWhateverWasMissed() {
    Instant now = Instant.parse("2024-03-01T10:47:12Z");
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("every 15m"), now))
        .isEqualTo(Instant.parse("2024-03-01T10:45:00Z"));
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("@daily"), now))
        .isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("30 */2 * * *"), now))
        .isEqualTo(Instant.parse("2024-03-01T10:30:00Z"));
    // 2024-03-01 is a Friday; Unix day-of-week numbers (Sunday 0) as Quartz runs them
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("0 9 * * 1-5"), now))
        .isEqualTo(Instant.parse("2024-03-01T09:00:00Z"));
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("0 9 * * 0"), now))
        .isEqualTo(Instant.parse("2024-02-25T09:00:00Z"));
    assertThat(ScheduleSlots.latestSlot(Schedule.parse("0 0 1 * *"), now))
        .isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
  }

  @Test
  void aSlotIsClaimedOnceAndOlderSlotsNeverRun() {
    String project = TestData.project();
    Instant t = Instant.parse("2024-03-01T10:00:00Z");
    assertThat(slots.claim(project, "v", t)).isTrue();
    assertThat(slots.claim(project, "v", t)).as("a second replica, same slot").isFalse();
    assertThat(slots.claim(project, "v", t.minusSeconds(3600))).as("a missed older slot").isFalse();
    assertThat(slots.claim(project, "v", t.plusSeconds(3600))).isTrue();
  }

  @Test
  void badRequestsNameTheField() {
    String path = "/api/v1/projects/p/feature-views/v/materializations";
    RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{\"mode\":\"incremental\",\"colour\":1}")
        .post(path)
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors[0].field", equalTo("colour"));
    RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{\"start\":\"2024-03-02T00:00:00Z\",\"end\":\"2024-03-01T00:00:00Z\"}")
        .post(path)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("end"));
    RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{\"start\":\"yesterday\",\"end\":\"2024-03-01T00:00:00Z\"}")
        .post(path)
        .then()
        .statusCode(400)
        .body("errors[0].field", equalTo("start"));
    RestAssured.given()
        .contentType(ContentType.JSON)
        .body("{}")
        .post("/api/v1/projects/" + TestData.project() + "/feature-views/nope/materializations")
        .then()
        .statusCode(404)
        .body("detail", containsString("nope"));
  }
}
