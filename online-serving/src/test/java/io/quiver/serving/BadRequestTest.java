package io.quiver.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.types.v1.Value;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Unknown names are NOT_FOUND, bad join keys INVALID_ARGUMENT, each message naming the culprit. */
@QuarkusTest
@WithTestResource(ServingTestResource.class)
class BadRequestTest extends ServingTestBase {

  @BeforeEach
  void definitions() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT, Defs.USER_FEATURES, Defs.CHURN);
  }

  @Test
  void unknownProjectIsNotFound() {
    assertStatus(
            () ->
                serving.getOnlineFeatures(
                    GetOnlineFeaturesRequest.newBuilder()
                        .setProject("no_such_project")
                        .setFeatureService("churn_model")
                        .addEntityRows(userRow(1))
                        .build()),
            Status.Code.NOT_FOUND)
        .hasMessageContaining("'no_such_project'");
  }

  @Test
  void unknownViewFeatureServiceAndVersionAreNotFound() {
    assertStatus(() -> refs(List.of("nope:x"), userRow(1)), Status.Code.NOT_FOUND)
        .hasMessageContaining("'nope'");
    assertStatus(() -> refs(List.of("last_event:colour"), userRow(1)), Status.Code.NOT_FOUND)
        .hasMessageContaining("'colour'");
    assertStatus(() -> service("fraud_model", userRow(1)), Status.Code.NOT_FOUND)
        .hasMessageContaining("'fraud_model'");
    assertStatus(() -> refs(List.of("last_event@9:event_type"), userRow(1)), Status.Code.NOT_FOUND)
        .hasMessageContaining("version 9");
  }

  @Test
  void aMissingJoinKeyIsInvalidNamingKeyAndRow() {
    EntityRow noKey = row("uid", Value.newBuilder().setInt64Val(1).build());
    assertStatus(() -> service("churn_model", userRow(1), noKey), Status.Code.INVALID_ARGUMENT)
        .hasMessageContaining("'user_id'")
        .hasMessageContaining("entity row 1");
  }

  @Test
  void aMistypedJoinKeyIsInvalidNamingKeyAndType() {
    assertStatus(
            () -> refs(List.of("last_event:event_type"), row("user_id", str("42"))),
            Status.Code.INVALID_ARGUMENT)
        .hasMessageContaining("'user_id'")
        .hasMessageContaining("INT64");
  }

  @Test
  void aRequestWithoutFeaturesIsInvalid() {
    assertStatus(
            () ->
                serving.getOnlineFeatures(
                    GetOnlineFeaturesRequest.newBuilder()
                        .setProject(p)
                        .addEntityRows(userRow(1))
                        .build()),
            Status.Code.INVALID_ARGUMENT)
        .hasMessageContaining("feature service or a list of feature refs");
  }

  @Test
  void noEntityRowsIsAnEmptyAnswerNotAnError() {
    var r = refs(List.of("last_event:event_type"));
    assertThat(r.getFeatures(0).getStatusesCount()).isZero();
    assertThat(r.getFeatures(0).getStringValuesCount()).isZero();
    assertThat(r.getViews(0).getEventTimeMicrosCount()).isZero();
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertStatus(
      ThrowingCallable call, Status.Code code) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class, e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
  }
}
