package io.quiver.export.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Submitting an export over REST and waiting for it, as a client would. */
final class ExportJobs {
  private ExportJobs() {}

  /** Posts {@code body}, waits until the job ends, and asserts it SUCCEEDED; returns the job. */
  static JsonPath submitAndWait(String project, String body) {
    String jobs = "/api/v1/projects/" + project + "/exports";
    String id =
        given()
            .contentType(ContentType.JSON)
            .body(body)
            .post(jobs)
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !given().get(jobs + "/" + id).path("status").toString().matches("QUEUED|RUNNING"));
    JsonPath job = given().get(jobs + "/" + id).jsonPath();
    assertThat(job.getString("status")).as(job.prettify()).isEqualTo("SUCCEEDED");
    return job;
  }
}
