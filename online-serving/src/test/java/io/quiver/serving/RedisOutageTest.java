package io.quiver.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.online.OnlineSchema;
import io.quiver.proto.serving.v1.FeatureStatus;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Redis down: every request fails fast with UNAVAILABLE; Redis back: serving resumes by itself. */
@QuarkusTest
@WithTestResource(ServingTestResource.class)
class RedisOutageTest extends ServingTestBase {
  @ConfigProperty(name = "quiver.redis-url")
  URI redisUrl;

  @Test
  void redisDownIsUnavailableFastAndServingResumesWhenItIsBack() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT);
    OnlineSchema schema = schema("last_event", 1);
    store.select(p, "last_event", 1, schema, Store.user(1), NOW, List.of("before", 1.0));
    assertThat(status()).isEqualTo(FeatureStatus.PRESENT);

    OwnRedis.shutdown(redisUrl.getPort());
    try {
      for (int i = 0; i < 5; i++) {
        long start = System.nanoTime();
        assertThatThrownBy(this::status)
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE))
            .hasMessageContaining("Redis");
        // Fast means "no client-side deadline waited out" (those are 30 s and more); the bound
        // leaves room for a loaded 2-core CI machine.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      }
    } finally {
      OwnRedis.start(redisUrl.getPort()); // empty: nothing persisted
    }
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(status()).isEqualTo(FeatureStatus.NOT_FOUND));
    store.select(p, "last_event", 1, schema, Store.user(1), NOW, List.of("after", 1.0));
    assertThat(status()).isEqualTo(FeatureStatus.PRESENT);
  }

  private FeatureStatus status() {
    return refs(List.of("last_event:event_type"), userRow(1)).getFeatures(0).getStatuses(0);
  }
}
