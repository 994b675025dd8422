package io.quiver.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.proto.serving.v1.FeatureColumn;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sliding-window aggregations served from tiles equal SPEC's value at t, computed here by brute
 * force over the events: an event counts when its event_time is in [floor_hop(t − W), t] (or ≤ t
 * for lifetime); no counted value gives null.
 */
@QuarkusTest
@WithTestResource(ServingTestResource.class)
class WindowAggregationTest extends ServingTestBase {
  static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration HOP = Duration.ofMinutes(5);
  static final List<String> REFS =
      List.of(
          "user_windows:events_1h",
          "user_windows:duration_sum_1h",
          "user_windows:duration_max_20m",
          "user_windows:events_ever");

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void servedWindowValuesEqualTheBruteForceValueAtSeveralTimes(long seed) {
    registry.apply(p, Defs.USER, Defs.USER_EVENTS, Defs.USER_WINDOWS);
    List<Store.Row> events = events(new Random(seed));
    store.tiles(
        p,
        "user_windows",
        1,
        version("user_windows", 1).schemaId(),
        HOP,
        null,
        Store.user(1),
        aggregations(),
        events);
    Instant last = events.stream().map(Store.Row::eventTime).max(Instant::compareTo).orElseThrow();

    for (Duration after :
        List.of(
            Duration.ZERO,
            Duration.ofMinutes(3),
            Duration.ofMinutes(12),
            Duration.ofMinutes(26),
            Duration.ofMinutes(51),
            Duration.ofMinutes(67),
            Duration.ofHours(3))) {
      Instant t = last.plus(after);
      clock.set(t);
      GetOnlineFeaturesResponse r = refs(REFS, userRow(1));
      String at = "seed " + seed + ", t = last + " + after;

      check(r.getFeatures(0), count(events, t, Duration.ofHours(1)), at);
      check(r.getFeatures(1), sum(events, t, Duration.ofHours(1)), at);
      check(r.getFeatures(2), max(events, t, Duration.ofMinutes(20)), at);
      check(r.getFeatures(3), count(events, t, null), at);
    }
  }

  private static void check(FeatureColumn column, Object expected, String at) {
    String what = column.getName() + " at " + at;
    if (expected == null) {
      assertThat(column.getStatuses(0)).as(what).isEqualTo(FeatureStatus.NULL_VALUE);
      assertThat(OnlineResponses.value(column, 0)).as(what).isNull();
      return;
    }
    assertThat(column.getStatuses(0)).as(what).isEqualTo(FeatureStatus.PRESENT);
    assertThat(OnlineResponses.value(column, 0)).as(what).isEqualTo(expected);
  }

  /** 40 events over two hours; durations are multiples of 0.5 (exact sums), one in five null. */
  private static List<Store.Row> events(Random random) {
    List<Store.Row> out = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Instant t =
          BASE.plusSeconds(random.nextInt(2 * 3600)).plusNanos(random.nextInt(1000) * 1000L);
      Double d = random.nextInt(5) == 0 ? null : random.nextInt(200) * 0.5;
      out.add(new Store.Row(t, 1L, d));
    }
    return out;
  }

  private static List<Store.Agg> aggregations() {
    return List.of(
        new Store.Agg(Aggregator.of(AggregationFunction.COUNT, ValueType.INT64), Store.Row::userId),
        new Store.Agg(
            Aggregator.of(AggregationFunction.SUM, ValueType.DOUBLE), Store.Row::duration),
        new Store.Agg(
            Aggregator.of(AggregationFunction.MAX, ValueType.DOUBLE), Store.Row::duration),
        new Store.Agg(
            Aggregator.of(AggregationFunction.COUNT, ValueType.INT64), Store.Row::userId));
  }

  // The oracle: plain java.time, nothing from core.

  private static List<Store.Row> counted(List<Store.Row> events, Instant t, Duration window) {
    Instant start = window == null ? Instant.MIN : floorHop(t.minus(window));
    return events.stream()
        .filter(e -> !e.eventTime().isBefore(start) && !e.eventTime().isAfter(t))
        .toList();
  }

  private static Instant floorHop(Instant t) {
    long hopMicros = HOP.toNanos() / 1000;
    long micros = t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    long floored = Math.floorDiv(micros, hopMicros) * hopMicros;
    return Instant.ofEpochSecond(
        Math.floorDiv(floored, 1_000_000), Math.floorMod(floored, 1_000_000) * 1000L);
  }

  private static Long count(List<Store.Row> events, Instant t, Duration window) {
    long n = counted(events, t, window).size();
    return n == 0 ? null : n;
  }

  private static Double sum(List<Store.Row> events, Instant t, Duration window) {
    List<Double> ds = durations(events, t, window);
    return ds.isEmpty() ? null : ds.stream().mapToDouble(Double::doubleValue).sum();
  }

  private static Double max(List<Store.Row> events, Instant t, Duration window) {
    return durations(events, t, window).stream().max(Double::compare).orElse(null);
  }

  private static List<Double> durations(List<Store.Row> events, Instant t, Duration window) {
    return counted(events, t, window).stream()
        .map(e -> (Double) e.duration())
        .filter(d -> d != null)
        .toList();
  }
}
