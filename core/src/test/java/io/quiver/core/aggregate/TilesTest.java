package io.quiver.core.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.ValueType;
import io.quiver.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TilesTest {
  private static final Duration HOP = Duration.ofMinutes(5);
  private static final Aggregator COUNT = Aggregator.of(AggregationFunction.COUNT, ValueType.INT64);

  private static Instant at(String time) {
    return Instant.parse("2024-01-01T" + time + "Z");
  }

  @Test
  void floorsToHopsAlignedToTheEpochAlsoBeforeIt() {
    assertThat(Hops.floor(at("10:04:59.999999"), HOP)).isEqualTo(at("10:00:00"));
    assertThat(Hops.floor(at("10:05:00"), HOP)).isEqualTo(at("10:05:00"));
    assertThat(Hops.floor(Instant.parse("1969-12-31T23:59:59Z"), HOP))
        .isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
  }

  @Test
  void slidingWindowHasAnExactHeadAndAHopAlignedTail() {
    WindowRange range = WindowRange.at(Window.sliding(Duration.ofHours(1), HOP), at("10:07:00"));

    assertThat(range.start()).isEqualTo(at("09:05:00"));
    assertThat(range.contains(at("09:05:00"))).isTrue();
    assertThat(range.contains(at("09:04:59"))).isFalse();
    assertThat(range.contains(at("10:07:00"))).isTrue();
    assertThat(range.contains(at("10:07:00.000001"))).isFalse();
  }

  @Test
  void stampsEachTileWithTheGreatestCreatedTimeOfItsEventsIncludingNulls() {
    List<Tile> tiles =
        TileBuilder.build(
            COUNT,
            HOP,
            List.of(
                new Event(at("10:01:00"), at("10:02:00"), 1L),
                new Event(at("10:03:00"), at("11:00:00"), null),
                new Event(at("10:06:00"), at("10:06:00"), 1L)));

    assertThat(tiles).extracting(Tile::start).containsExactly(at("10:00:00"), at("10:05:00"));
    assertThat(tiles).extracting(Tile::createdTime).containsExactly(at("11:00:00"), at("10:06:00"));
    assertThat(tiles.get(0).aggregate().result()).isEqualTo(1L);
  }

  @Test
  void exportRecomputesTilesCreatedAfterTAndTheHeadFromEvents() {
    Window lifetime = Window.lifetime(HOP);
    Event onTime = new Event(at("10:01:00"), at("10:01:00"), 1L);
    Event late = new Event(at("10:02:00"), at("12:00:00"), 1L);
    Event head = new Event(at("10:06:00"), at("10:06:00"), 1L);
    List<Event> events = List.of(onTime, late, head);
    List<Tile> tiles = TileBuilder.build(COUNT, HOP, events);

    assertThat(PointInTimeAggregation.valueAt(COUNT, lifetime, tiles, events, at("10:07:00")))
        .isEqualTo(2L);
    assertThat(PointInTimeAggregation.needsEvents(lifetime, tiles.get(0), at("10:07:00"))).isTrue();
    assertThat(PointInTimeAggregation.needsEvents(lifetime, tiles.get(0), at("12:00:00")))
        .isFalse();
    assertThat(ServingAggregation.valueAt(COUNT, lifetime, tiles, at("12:00:00"))).isEqualTo(3L);
  }

  @Test
  void rebuildingTilesFromTheSameEventsGivesTheSameBytes() {
    Aggregator distinct = Aggregator.of(AggregationFunction.COUNT_DISTINCT, ValueType.STRING);
    List<Event> events = List.of(Event.at(at("10:00:00"), "b"), Event.at(at("10:01:00"), "a"));

    byte[] once =
        PartialAggregateCodec.encode(TileBuilder.build(distinct, HOP, events).get(0).aggregate());
    byte[] again =
        PartialAggregateCodec.encode(
            TileBuilder.build(distinct, HOP, List.of(events.get(1), events.get(0)))
                .get(0)
                .aggregate());

    assertThat(again).isEqualTo(once);
  }
}
