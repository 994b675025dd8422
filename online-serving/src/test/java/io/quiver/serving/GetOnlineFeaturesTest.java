package io.quiver.serving;

import static io.quiver.proto.serving.v1.FeatureStatus.NOT_FOUND;
import static io.quiver.proto.serving.v1.FeatureStatus.NULL_VALUE;
import static io.quiver.proto.serving.v1.FeatureStatus.OUTSIDE_MAX_AGE;
import static io.quiver.proto.serving.v1.FeatureStatus.PRESENT;
import static io.quiver.proto.serving.v1.FeatureStatus.UNREADABLE;
import static io.quiver.serving.OnlineResponses.eventTimeMicros;
import static io.quiver.serving.OnlineResponses.value;
import static io.quiver.serving.OnlineResponses.view;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.online.OnlineSchema;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.types.v1.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ServingTestResource.class)
class GetOnlineFeaturesTest extends ServingTestBase {

  @Test
  void servesPresentNullTooOldAndMissingValuesWithEventTimeAndAge() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT);
    OnlineSchema schema = schema("last_event", 1);
    Instant oneHourAgo = NOW.minus(Duration.ofHours(1));
    store.select(p, "last_event", 1, schema, Store.user(1), oneHourAgo, List.of("click", 12.5));
    store.select(
        p,
        "last_event",
        1,
        schema,
        Store.user(2),
        NOW.minus(Duration.ofHours(2)),
        Arrays.asList(null, 3.0));
    // Exactly maxAge (1d) old: age >= maxAge is OUTSIDE_MAX_AGE.
    store.select(
        p,
        "last_event",
        1,
        schema,
        Store.user(3),
        NOW.minus(Duration.ofDays(1)),
        List.of("view", 1.0));

    GetOnlineFeaturesResponse r =
        refs(
            List.of("last_event:event_type", "last_event:duration"),
            userRow(1),
            userRow(2),
            userRow(3),
            userRow(4));

    FeatureColumn type = r.getFeatures(0);
    assertThat(type.getName()).isEqualTo("last_event:event_type");
    assertThat(type.getViewVersion()).isEqualTo(1);
    assertThat(type.getStatusesList())
        .containsExactly(PRESENT, NULL_VALUE, OUTSIDE_MAX_AGE, NOT_FOUND);
    assertThat(value(type, 0)).isEqualTo("click");
    assertThat(value(type, 1)).isNull();
    assertThat(value(type, 2)).isEqualTo("view"); // still sent
    assertThat(value(type, 3)).isNull();
    assertThat(view(r, 0).getEventTimeMicrosList())
        .containsExactly(
            micros(oneHourAgo),
            micros(NOW.minus(Duration.ofHours(2))),
            micros(NOW.minus(Duration.ofDays(1))),
            0L);
    assertThat(view(r, 0).getAgeMicrosList())
        .containsExactly(
            micros(Duration.ofHours(1)),
            micros(Duration.ofHours(2)),
            micros(Duration.ofDays(1)),
            0L);
    FeatureColumn duration = r.getFeatures(1);
    assertThat(duration.getStatusesList())
        .containsExactly(PRESENT, PRESENT, OUTSIDE_MAX_AGE, NOT_FOUND);
    assertThat(value(duration, 1)).isEqualTo(3.0);
  }

  @Test
  void aFeatureServiceServesWhatItsFeatureListServes() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT, Defs.USER_FEATURES, Defs.CHURN);
    store.select(
        p,
        "last_event",
        1,
        schema("last_event", 1),
        Store.user(7),
        NOW.minus(Duration.ofMinutes(5)),
        List.of("buy", 30.0));
    Instant t1 = NOW.minus(Duration.ofHours(3));
    Instant t2 = NOW.minus(Duration.ofMinutes(30));
    userFeatureTiles(7, List.of(new Store.Row(t1, 7L, 10.0), new Store.Row(t2, 7L, 20.0)));

    GetOnlineFeaturesResponse byService = service("churn_model", userRow(7), userRow(8));
    GetOnlineFeaturesResponse byList =
        refs(List.of("user_features:*", "last_event:event_type"), userRow(7), userRow(8));

    assertThat(byService).isEqualTo(byList);
    assertThat(byService.getFeaturesList())
        .extracting(FeatureColumn::getName)
        .containsExactly(
            "user_features:last_activity",
            "user_features:event_count",
            "user_features:avg_session_duration",
            "user_features:total_session_time",
            "last_event:event_type");
    assertThat(values(byService, 0)).containsExactly(micros(t2));
    assertThat(value(byService.getFeatures(1), 0)).isEqualTo(2L);
    assertThat(value(byService.getFeatures(2), 0)).isEqualTo(15.0);
    assertThat(value(byService.getFeatures(3), 0)).isEqualTo(30.0);
    assertThat(eventTimeMicros(byService, 3, 0)).isEqualTo(micros(t2));
    assertThat(value(byService.getFeatures(4), 0)).isEqualTo("buy");
    for (FeatureColumn c : byService.getFeaturesList()) {
      assertThat(c.getStatusesList()).as(c.getName()).containsExactly(PRESENT, NOT_FOUND);
    }
  }

  @Test
  void aServiceJoinKeyMapLetsCallersUseTheirOwnKeyName() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT, Defs.CHURN_UID);
    store.select(
        p, "last_event", 1, schema("last_event", 1), Store.user(5), NOW, List.of("open", 1.0));

    GetOnlineFeaturesResponse r =
        service("churn_uid", row("uid", Value.newBuilder().setInt64Val(5).build()));

    assertThat(value(r.getFeatures(0), 0)).isEqualTo("open");
  }

  @Test
  void readsManyViewsForManyEntitiesInOneRequest() {
    registry.apply(
        p,
        Defs.USER,
        Defs.COUNTRY,
        Defs.USER_EVENTS,
        Defs.COUNTRIES,
        Defs.LAST_EVENT,
        Defs.COUNTRY_STATS,
        Defs.USER_FEATURES);
    OnlineSchema lastEvent = schema("last_event", 1);
    OnlineSchema stats = schema("country_stats", 1);
    for (int c = 0; c < 6; c++) { // c6 has no stats
      store.select(p, "country_stats", 1, stats, Store.country("c" + c), NOW, List.of(1000L + c));
    }
    List<EntityRow> rows = new ArrayList<>();
    for (long u = 0; u < 100; u++) {
      if (u % 2 == 0) {
        store.select(
            p, "last_event", 1, lastEvent, Store.user(u), NOW, List.of("e" + u, (double) u));
      }
      if (u % 3 == 0) {
        userFeatureTiles(u, List.of(new Store.Row(NOW.minusSeconds(u), u, 1.0)));
      }
      rows.add(
          EntityRow.newBuilder()
              .putJoinKeys("user_id", Value.newBuilder().setInt64Val(u).build())
              .putJoinKeys("country_code", str("c" + (u % 7)))
              .build());
    }

    GetOnlineFeaturesResponse r =
        refs(
            List.of(
                "last_event:event_type", "country_stats:population", "user_features:event_count"),
            rows.toArray(EntityRow[]::new));

    for (int u = 0; u < 100; u++) {
      FeatureColumn type = r.getFeatures(0);
      FeatureColumn population = r.getFeatures(1);
      FeatureColumn count = r.getFeatures(2);
      if (u % 2 == 0) {
        assertThat(value(type, u)).isEqualTo("e" + u);
      } else {
        assertThat(type.getStatuses(u)).isEqualTo(NOT_FOUND);
      }
      if (u % 7 < 6) {
        assertThat(value(population, u)).isEqualTo(1000L + u % 7);
      } else {
        assertThat(population.getStatuses(u)).isEqualTo(NOT_FOUND);
      }
      assertThat(count.getStatuses(u)).isEqualTo(u % 3 == 0 ? PRESENT : NOT_FOUND);
    }
  }

  @Test
  void pinnedVersionsServeTheirOwnKeysAndServingSwitchesOnlyWhenTheBackfillIsComplete() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT);
    store.select(
        p, "last_event", 1, schema("last_event", 1), Store.user(1), NOW, List.of("v1", 1.0));
    // Retyping a feature is incompatible: version 2, with its own keys and a backfill to run.
    registry.put(
        p,
        "feature-views",
        "last_event",
        Defs.LAST_EVENT.replace(
            "{\"name\": \"duration\", \"type\": \"DOUBLE\"}",
            "{\"name\": \"duration\", \"type\": \"STRING\"}"));
    store.select(
        p, "last_event", 2, schema("last_event", 2), Store.user(1), NOW, List.of("v2", "long"));

    GetOnlineFeaturesResponse before =
        refs(List.of("last_event:event_type", "last_event@2:event_type"), userRow(1));
    assertThat(before.getFeatures(0).getViewVersion()).isEqualTo(1);
    assertThat(value(before.getFeatures(0), 0)).isEqualTo("v1");
    assertThat(before.getFeatures(1).getViewVersion()).isEqualTo(2);
    assertThat(value(before.getFeatures(1), 0)).isEqualTo("v2");

    registry.backfillComplete(p, "last_event", 2);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        refs(List.of("last_event:event_type"), userRow(1))
                            .getFeatures(0)
                            .getViewVersion())
                    .isEqualTo(2));
    GetOnlineFeaturesResponse after =
        refs(List.of("last_event:event_type", "last_event@1:event_type"), userRow(1));
    assertThat(value(after.getFeatures(0), 0)).isEqualTo("v2");
    assertThat(value(after.getFeatures(1), 0)).isEqualTo("v1");
  }

  @Test
  void aStoredValueThatCannotBeDecodedIsUnreadableAloneAndTheBatchIsServed() {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.LAST_EVENT);
    OnlineSchema schema = schema("last_event", 1);
    store.select(p, "last_event", 1, schema, Store.user(1), NOW, List.of("ok", 1.0));
    OnlineSchema fromTheFuture = new OnlineSchema(999_999, schema.features());
    store.select(p, "last_event", 1, fromTheFuture, Store.user(2), NOW, List.of("new", 2.0));

    GetOnlineFeaturesResponse r = refs(List.of("last_event:event_type"), userRow(1), userRow(2));

    assertThat(r.getFeatures(0).getStatusesList()).containsExactly(PRESENT, UNREADABLE);
    assertThat(value(r.getFeatures(0), 1)).isNull();
  }

  /** A TIMESTAMP column's values as micros, rows without one left out. */
  private static List<Long> values(GetOnlineFeaturesResponse r, int column) {
    FeatureColumn c = r.getFeatures(column);
    List<Long> out = new ArrayList<>();
    for (int row = 0; row < c.getStatusesCount(); row++) {
      if (value(c, row) != null) {
        out.add(c.getInt64Values(row));
      }
    }
    return out;
  }
}
