package io.quiver.serving;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse;
import grpc.reflection.v1alpha.MutinyServerReflectionGrpc;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import grpc.reflection.v1alpha.Reflection.ServiceResponse;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** gRPC health and reflection, the REST twin, HTTP health and metrics. */
@QuarkusTest
@WithTestResource(ServingTestResource.class)
class OperationsTest extends ServingTestBase {
  @GrpcClient("health")
  HealthGrpc.HealthBlockingStub health;

  @GrpcClient("health")
  MutinyServerReflectionGrpc.MutinyServerReflectionStub reflection;

  @Test
  void grpcHealthSaysServing() {
    HealthCheckResponse r = health.check(HealthCheckRequest.newBuilder().build());
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void reflectionListsTheOnlineServingService() {
    ServerReflectionResponse r =
        reflection
            .serverReflectionInfo(
                Multi.createFrom()
                    .item(ServerReflectionRequest.newBuilder().setListServices("*").build()))
            .collect()
            .first()
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(r.getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains("quiver.serving.v1.OnlineServing");
  }

  @Test
  void theRestTwinAnswersLikeGrpcAndMapsErrorsToProblems() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT);
    store.select(
        p, "last_event", 1, schema("last_event", 1), Store.user(1), NOW, List.of("click", 2.5));
    String path = "/api/v1/projects/" + p + "/online-features";

    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"features\": [\"last_event:event_type\", \"last_event:duration\"],"
                + " \"entities\": [{\"user_id\": 1}, {\"user_id\": 2}]}")
        .post(path)
        .then()
        .statusCode(200)
        .body("features[0].name", org.hamcrest.Matchers.equalTo("last_event:event_type"))
        .body("features[0].values", contains("click", null))
        .body("features[0].statuses", contains("PRESENT", "NOT_FOUND"))
        .body("features[1].values[0]", org.hamcrest.Matchers.equalTo(2.5f));

    given()
        .contentType(ContentType.JSON)
        .body("{\"features\": [\"last_event:nope\"], \"entities\": [{\"user_id\": 1}]}")
        .post(path)
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("detail", containsString("'nope'"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"features\": [\"last_event:event_type\"], \"entities\": [{\"user_id\": \"x\"}]}")
        .post(path)
        .then()
        .statusCode(400)
        .body("detail", containsString("'user_id'"));
  }

  @Test
  void httpHealthAndMetricsAreUp() {
    given().get("/q/health/ready").then().statusCode(200);
    given().get("/q/metrics").then().statusCode(200);
  }
}
